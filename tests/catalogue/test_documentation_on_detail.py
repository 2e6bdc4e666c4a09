"""How much is known about a measure, said on its page and in the list as data, not prose."""

import datetime

import pytest

from measures.models import MeasureTranslation
from tests.factories import MeasureFactory, MeasureLinkFactory

pytestmark = pytest.mark.django_db


def sections(html):
    """The good-practice sections of a measure page, from the first one to the results."""
    start = html.index('id="section-1"')
    return html[start : html.index("</article>", start)]


def test_detail_shows_the_documentation_level_as_a_label_with_its_meaning(client, region):
    measure = MeasureFactory(region=region, slug="thin", documentation_level="thinly")

    html = client.get(f"/en/measures/{measure.slug}/").content.decode()

    assert (
        '<span class="documentation-label documentation-label--thinly">Thinly documented</span>'
        in html
    )
    assert "Known from one account or a passing mention" in html


def test_a_section_nobody_documented_says_not_documented_in_one_wording(client, region):
    measure = MeasureFactory(
        region=region, slug="half", problem="Young people leave the island.", difficulties=""
    )

    html = sections(client.get(f"/en/measures/{measure.slug}/").content.decode())

    # Every section of the template is there, in its order; the four empty ones say so.
    for heading in [
        "Problem addressed",
        "Resources needed",
        "Evidence of success",
        "Difficulties encountered",
        "Potential for learning or transfer",
    ]:
        assert heading in html
    assert "Young people leave the island." in html
    assert html.count('<p class="not-documented">Not documented') == 4
    assert "Nothing is known about this yet" in html


def test_the_sections_are_shown_in_german_where_they_are_translated(client, region):
    measure = MeasureFactory(region=region, slug="translated", problem="Young people leave.")
    MeasureTranslation.objects.create(
        measure=measure, language="de", title="Übersetzt", problem="Junge Menschen ziehen weg."
    )

    html = sections(client.get(f"/de/measures/{measure.slug}/").content.decode())

    assert "<div><p>Junge Menschen ziehen weg.</p></div>" in html
    assert "Young people leave." not in html


def test_a_note_about_the_information_follows_the_further_links(client, region):
    measure = MeasureFactory(
        region=region, slug="noted", information_note="The start year could not be found."
    )
    MeasureLinkFactory(measure=measure, title="Project page")

    html = client.get(f"/en/measures/{measure.slug}/").content.decode()

    assert "About this information" in html
    assert html.index("Project page") < html.index("The start year could not be found.")


def test_a_measure_its_partner_never_verified_says_so_not_a_date(client, region):
    published = datetime.datetime(2026, 11, 2, 18, 15, tzinfo=datetime.UTC)
    measure = MeasureFactory(region=region, slug="seeded", published_at=published)

    html = client.get(f"/en/measures/{measure.slug}/").content.decode()

    assert "Not yet verified by its partner" in html
    assert '<dt>Last verified</dt><dd><time datetime="2026-11-02">' not in html


def test_the_list_offers_the_documentation_level_as_a_facet(client, region):
    MeasureFactory(region=region, title="Well known", documentation_level="well")
    MeasureFactory(region=region, title="Barely known", documentation_level="thinly")
    MeasureFactory(region=region, title="Known in part", documentation_level="partly")

    response = client.get("/en/measures/?documentation=thinly&documentation=well")

    assert sorted(m.title for m in response.context["measures"]) == ["Barely known", "Well known"]
    [facet] = [f for f in response.context["facets"] if f["name"] == "documentation"]
    assert {o["value"]: (o["count"], o["checked"]) for o in facet["options"]} == {
        "well": (1, True),
        "partly": (1, False),
        "thinly": (1, True),
    }
    assert '<legend class="facet__legend">How well documented</legend>' in (
        response.content.decode()
    )
