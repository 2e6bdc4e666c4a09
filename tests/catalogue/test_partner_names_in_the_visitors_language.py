"""A partner is named in the visitor's language wherever the public pages name it.

Its German name where one is entered, else the English one marked as English.
"""

import json

import pytest

from measures.models import Measure
from partners.models import PartnerTranslation
from tests.catalogues import translated_catalogue

pytestmark = pytest.mark.django_db

GERMAN_NAME = "WITENO Technologiezentrum"


@pytest.fixture
def measure():
    translated_catalogue()
    measure = Measure.objects.get(slug="rural-coworking-spaces")
    PartnerTranslation.objects.create(partner=measure.partner, language="de", name=GERMAN_NAME)
    return measure


def json_ld(html):
    start = html.index('<script type="application/ld+json">') + len(
        '<script type="application/ld+json">'
    )
    return json.loads(html[start : html.index("</script>", start)])


def test_the_measure_json_ld_names_its_creator_in_german(client, measure):
    data = json_ld(client.get("/de/measures/rural-coworking-spaces/").content.decode())

    assert data["creator"]["name"] == GERMAN_NAME


def test_the_about_page_lists_the_partner_by_its_german_name(client, measure):
    html = client.get("/de/about/").content.decode()

    assert f">{GERMAN_NAME}</a>" in html
    assert ">WITENO GmbH</a>" not in html


def test_the_about_page_marks_an_untranslated_partner_name_english(client, measure):
    PartnerTranslation.objects.all().delete()

    html = client.get("/de/about/").content.decode()

    assert 'lang="en">WITENO GmbH</a>' in html


def test_the_partner_facet_offers_the_german_name_unmarked(client, measure):
    html = client.get("/de/measures/").content.decode()

    assert GERMAN_NAME in html
    assert f'lang="en">{GERMAN_NAME}' not in html


def test_the_dossier_print_view_names_the_partner_in_german(client, measure):
    client.post("/de/dossier/add/", {"slug": measure.slug})

    html = client.get("/de/dossier/print/").content.decode()

    assert GERMAN_NAME in html
    assert "WITENO GmbH" not in html


def test_the_embedded_card_names_the_partner_in_german(client, measure):
    html = client.get("/de/measures/rural-coworking-spaces/embed/").content.decode()

    assert GERMAN_NAME in html


def test_the_partner_filters_chip_names_the_partner_in_german(client, measure):
    response = client.get("/de/measures/?partner=witeno")

    chips = [chip for chip in response.context["active_filters"] if chip["name"] == "partner"]
    assert [str(chip["text"]) for chip in chips] == [GERMAN_NAME]
