"""Results in figures, further links and partners read in the visitor's language, else English."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from measures.models import IndicatorTranslation, Measure, MeasureLinkTranslation
from partners.models import PartnerTranslation
from tests.factories import IndicatorFactory, MeasureLinkFactory

pytestmark = pytest.mark.django_db

URL = "/de/measures/rural-coworking-spaces/"


@pytest.fixture
def measure(catalogue):
    measure = Measure.objects.get(slug="rural-coworking-spaces")
    counted = IndicatorFactory(measure=measure, name="Desks rented", unit="desks", achieved=40)
    IndicatorTranslation.objects.create(
        indicator=counted, language="de", name="Vermietete Arbeitsplätze", unit="Plätze"
    )
    IndicatorFactory(measure=measure, name="Municipalities taking part", unit="", achieved=7)
    MeasureLinkTranslation.objects.create(
        link=measure.links.get(), language="de", title="Seite des Vorhabens"
    )
    PartnerTranslation.objects.create(
        partner=measure.partner,
        language="de",
        name="WITENO GmbH",
        description="Technologiezentrum in Greifswald.",
    )
    return measure


def test_german_results_are_german_and_english_ones_say_they_are_english(client, measure):
    html = client.get(URL).content.decode()

    assert '<th scope="row">Vermietete Arbeitsplätze</th>' in html
    assert "40 Plätze" in html
    assert '<th scope="row" lang="en">Municipalities taking part</th>' in html


def test_a_german_link_text_is_shown_without_a_lang_attribute(client, measure):
    html = client.get(URL).content.decode()

    assert 'rel="noopener">Seite des Vorhabens</a>' in html
    assert "Project page" not in html


def test_an_english_link_text_on_a_german_page_is_marked_english(client, measure):
    MeasureLinkTranslation.objects.all().delete()

    html = client.get(URL).content.decode()

    assert 'rel="noopener" lang="en">Project page</a>' in html


def test_the_english_page_reads_no_translation(client, measure):
    html = client.get("/en/measures/rural-coworking-spaces/").content.decode()

    assert '<th scope="row">Desks rented</th>' in html
    assert "40 desks" in html
    assert "Vermietete" not in html


def test_the_partner_page_reads_in_german(client, measure):
    html = client.get("/de/partners/witeno/").content.decode()

    assert "<h1>WITENO GmbH</h1>" in html
    assert "Technologiezentrum in Greifswald." in html


def test_the_partner_list_marks_an_untranslated_name_english(client, measure):
    PartnerTranslation.objects.all().delete()

    html = client.get("/de/partners/").content.decode()

    assert 'lang="en">WITENO GmbH</a>' in html


def test_the_dossier_print_shows_german_results(client, measure):
    client.post("/de/dossier/add/", {"slug": measure.slug})

    html = client.get("/de/dossier/print/").content.decode()

    assert "Vermietete Arbeitsplätze" in html
    assert "Seite des Vorhabens" in html


def detail_queries(client):
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        assert client.get(URL).status_code == 200
    return len(queries)


def test_more_results_and_links_in_german_need_no_more_queries(client, measure):
    one = detail_queries(client)
    for n in range(10):
        indicator = IndicatorFactory(measure=measure, name=f"Figure {n}")
        IndicatorTranslation.objects.create(indicator=indicator, language="de", name=f"Zahl {n}")
        link = MeasureLinkFactory(measure=measure, title=f"Report {n}")
        MeasureLinkTranslation.objects.create(link=link, language="de", title=f"Bericht {n}")

    assert detail_queries(client) == one


def test_a_partners_own_name_is_not_repeated_when_it_is_the_name_in_the_page_language(
    client, measure
):
    partner = measure.partner
    partner.name = "Science and Technology Park North-East"
    partner.name_local = "WITENO GmbH"
    partner.save()

    german = client.get("/de/partners/witeno/").content.decode()
    english = client.get("/en/partners/witeno/").content.decode()

    assert german.count("WITENO GmbH</") == 1
    assert 'class="measure__local-title">WITENO GmbH</p>' in english
