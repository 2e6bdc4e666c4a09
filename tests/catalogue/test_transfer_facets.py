"""The list filters by evidence level, budget band and funding source, with counts."""

import pytest

from tests.factories import MeasureFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalogue(region):
    """Four published measures with different results and resources, and one without any."""
    return {
        "evaluated": MeasureFactory(
            title="Evaluated ERDF project",
            evidence_level="evaluated",
            budget_band="over-1m",
            funding_erdf=True,
            region=region,
        ),
        "monitored": MeasureFactory(
            title="Monitored national service",
            evidence_level="monitored",
            budget_band="50k-250k",
            funding_national=True,
            funding_own_budget=True,
            region=region,
        ),
        "cheap": MeasureFactory(
            title="Cheap monitored survey",
            evidence_level="monitored",
            budget_band="under-50k",
            funding_own_budget=True,
        ),
        "anecdotal": MeasureFactory(
            title="Anecdotal ERDF pilot",
            evidence_level="anecdotal",
            funding_erdf=True,
            funding_private=True,
        ),
        "unknown": MeasureFactory(title="Measure with nothing stated"),
    }


def titles(response):
    return sorted(measure.title for measure in response.context["measures"])


def facet(response, name):
    """{option value: (count, checked)} of one facet of the page."""
    [found] = [f for f in response.context["facets"] if f["name"] == name]
    return {o["value"]: (o["count"], o["checked"]) for o in found["options"]}


@pytest.mark.usefixtures("catalogue")
def test_every_new_facet_is_offered_with_counts(client):
    response = client.get("/en/measures/")

    assert facet(response, "evidence") == {
        "anecdotal": (1, False),
        "monitored": (2, False),
        "evaluated": (1, False),
    }
    assert facet(response, "budget") == {
        "under-50k": (1, False),
        "50k-250k": (1, False),
        "250k-1m": (0, False),
        "over-1m": (1, False),
    }
    assert facet(response, "funding") == {
        "erdf": (2, False),
        "other-eu": (0, False),
        "national": (1, False),
        "regional": (0, False),
        "own-budget": (2, False),
        "private": (1, False),
    }
    html = response.content.decode()
    assert '<legend class="facet__legend">Evidence of results</legend>' in html
    assert 'id="id_budget_over-1m"' in html
    assert "Regional or local government" in html


@pytest.mark.usefixtures("catalogue")
def test_several_evidence_levels_are_combined_with_or(client):
    response = client.get("/en/measures/?evidence=evaluated&evidence=anecdotal")

    assert titles(response) == ["Anecdotal ERDF pilot", "Evaluated ERDF project"]
    assert response.context["paginator"].count == 2
    # Counted under the other filters: ticking "monitored" too would add two.
    assert facet(response, "evidence")["monitored"] == (2, False)
    assert facet(response, "evidence")["evaluated"] == (1, True)
    # The other facets count within the two results.
    assert facet(response, "funding")["erdf"] == (2, False)
    assert facet(response, "funding")["own-budget"] == (0, False)


@pytest.mark.usefixtures("catalogue")
def test_budget_band_filter(client):
    response = client.get("/en/measures/?budget=under-50k&budget=50k-250k")

    assert titles(response) == ["Cheap monitored survey", "Monitored national service"]
    assert facet(response, "evidence")["monitored"] == (2, False)
    assert facet(response, "evidence")["evaluated"] == (0, False)


@pytest.mark.usefixtures("catalogue")
def test_funding_sources_are_combined_with_or(client):
    response = client.get("/en/measures/?funding=national&funding=private")

    assert titles(response) == ["Anecdotal ERDF pilot", "Monitored national service"]
    assert facet(response, "funding")["national"] == (1, True)
    assert facet(response, "funding")["private"] == (1, True)
    assert facet(response, "funding")["erdf"] == (2, False)


@pytest.mark.usefixtures("catalogue")
def test_new_facets_combine_with_the_others(client, region):
    response = client.get(
        f"/en/measures/?region={region.slug}&funding=own-budget&evidence=monitored"
    )

    assert titles(response) == ["Monitored national service"]
    assert facet(response, "region")[region.slug] == (1, True)


@pytest.mark.usefixtures("catalogue")
def test_active_filters_show_the_choices_in_words(client):
    response = client.get("/en/measures/?budget=over-1m&funding=own-budget")

    chips = {(chip["label"], chip["text"]) for chip in response.context["active_filters"]}
    assert chips == {("Budget", "Over €1 million"), ("Funding source", "Own budget")}
    removing_budget = next(c for c in response.context["active_filters"] if c["label"] == "Budget")
    assert removing_budget["query"] == "funding=own-budget"


@pytest.mark.parametrize(
    ("query", "valid"),
    [
        ("evidence=excellent", "budget=over-1m"),
        ("budget=free", "evidence=evaluated"),
        ("funding=erdf&funding=%00", "evidence=evaluated"),
        ("evidence=" + "x" * 2000, "budget=over-1m"),
        ("funding=national&funding=nope", "budget=over-1m"),
    ],
)
@pytest.mark.usefixtures("catalogue")
def test_an_unknown_value_is_reported_and_its_facet_left_out(client, query, valid):
    response = client.get(f"/en/measures/?{query}&{valid}")

    assert response.status_code == 200
    assert "Some filters were left out" in response.content.decode()
    assert response.context["invalid_filters"]
    # The valid filter of another facet still applies.
    assert titles(response) == ["Evaluated ERDF project"]


@pytest.mark.usefixtures("catalogue")
def test_the_api_filters_by_the_new_facets_and_refuses_unknown_values(client):
    data = client.get("/api/measures/?funding=erdf&evidence=evaluated").json()

    assert [m["title"] for m in data["results"]] == ["Evaluated ERDF project"]
    assert client.get("/api/measures/?budget=free").status_code == 400


@pytest.mark.usefixtures("catalogue")
def test_the_csv_export_holds_what_the_filtered_list_shows(client):
    response = client.get("/en/measures/export.csv?funding=own-budget")
    text = b"".join(response.streaming_content).decode()

    assert "Monitored national service" in text
    assert "Cheap monitored survey" in text
    assert "Evaluated ERDF project" not in text
