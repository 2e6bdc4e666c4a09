"""The fit check: "Could this work in my region?" on a measure's page and its own page."""

import re

import pytest
from django.utils import translation

from measures.models import BudgetBand, Measure, Prerequisite
from measures.models.fit import Answer, FitCheck, answer_name, fewer_prerequisites
from tests.adoption.conftest import add_prerequisites
from tests.conftest import read_taxonomy_into_cache
from tests.factories import CategoryFactory, MeasureFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def measure(theme):
    measure = MeasureFactory(
        title="Remote home care",
        slug="remote-home-care",
        categories=[theme],
        budget_band="50k-250k",
        staff_effort="small-team",
    )
    add_prerequisites(
        measure,
        ("infrastructure", "Broadband in the clients' homes", "Video visits need it."),
        ("people", "Nurses trained for video visits"),
        ("money", "About €155,000 a year for devices"),
    )
    return measure


def ids(measure):
    return [p.pk for p in measure.prerequisites.all()]


def names(measure):
    """The names of the measure's questions in the form and the address."""
    return [answer_name(p) for p in measure.prerequisites.all()]


def fit_url(measure, **answers):
    query = "&".join(f"{name}={value}" for name, value in answers.items())
    return f"/en/measures/{measure.slug}/fit/?{query}"


def test_measure_page_asks_one_question_per_prerequisite_in_a_get_form(client, measure):
    html = client.get("/en/measures/remote-home-care/").content.decode()

    assert "Could this work in your region?" in html
    assert 'action="/en/measures/remote-home-care/fit/"' in html
    assert 'method="get"' in html
    for name in names(measure):
        assert html.count(f'name="{name}"') == 4  # have it, partly, no, don't know
    assert "Broadband in the clients&#x27; homes" in html
    assert 'name="budget"' in html
    assert 'name="staff"' in html


def test_result_says_what_fits_what_is_needed_and_what_is_unknown(client, measure):
    broadband, nurses, money = ids(measure)
    has_broadband, has_nurses, _has_money = names(measure)

    response = client.get(
        fit_url(measure, **{has_broadband: "yes", has_nurses: "no"}, budget="under-50k")
    )

    assert response.status_code == 200
    check = response.context["check"]
    assert [p.pk for p in check.in_place] == [broadband]
    assert [p.pk for p in check.missing] == [nurses]
    assert [p.pk for p in check.unknown] == [money]
    html = response.content.decode()
    assert (
        "This measure has 3 prerequisites. 1 is in place. 1 would still be needed. "
        "1 is not known yet. It takes more budget than you have." in html
    )
    budget, staff = check.band_rows
    assert budget[1].short
    assert (budget[1].ours, budget[1].theirs) == ("€50,000 to €250,000", "Under €50,000")
    assert staff[1].verdict == "unknown"
    assert "less than it takes" in html
    assert "cannot be compared" in html


def test_everything_in_place_says_so(client, measure):
    answers = dict.fromkeys(names(measure), "yes")

    response = client.get(fit_url(measure, **answers, budget="over-1m", staff="large-team"))

    assert response.context["check"].all_in_place
    assert "Everything this measure needs seems to be in place" in response.content.decode()


def test_the_result_page_keeps_the_visitors_answers_checked(client, measure):
    broadband = names(measure)[0]

    html = client.get(fit_url(measure, **{broadband: "partly"})).content.decode()

    assert f'name="{broadband}" value="partly" checked' in html
    assert f'name="{broadband}" value="yes" checked' not in html


@pytest.mark.parametrize(
    "query",
    [
        "p1=maybe&budget=a-lot&staff=%00",
        "p999999=yes&p=yes&pabc=no",
        "budget=" + "x" * 5000,
        "p1=yes&p1=no&p1=%ff%fe",
        "page=-1&%E2%80%8F=1",
    ],
)
def test_odd_answers_count_as_dont_know_and_never_fail(client, measure, query):
    response = client.get(f"/en/measures/remote-home-care/fit/?{query}")

    assert response.status_code == 200
    check = response.context["check"]
    assert not check.budget
    assert not check.staff
    assert len(check.unknown) + len(check.in_place) + len(check.missing) == 3


def test_no_fit_check_for_a_measure_that_is_not_published(client, make_measure):
    draft = make_measure(partner="a", status=Measure.Status.DRAFT)

    assert client.get(f"/en/measures/{draft.slug}/fit/").status_code == 404
    assert client.post(f"/en/measures/{draft.slug}/fit/").status_code == 405


def test_query_string_round_trips_the_answers(measure):
    _broadband, nurses, _money = ids(measure)
    has_broadband, has_nurses, _has_money = names(measure)
    measure = Measure.objects.for_detail().get(pk=measure.pk)
    check = FitCheck.from_query(
        measure, f"{has_broadband}=yes&{has_nurses}=partly&staff=one-person"
    )

    again = FitCheck.from_query(measure, check.query_string)

    assert again.answers == check.answers
    assert again.answers[nurses] == Answer.PARTLY
    assert again.staff == "one-person"


def test_measures_on_the_same_themes_with_fewer_prerequisites_come_fewest_first(
    client, measure, theme, django_assert_num_queries
):
    lighter = MeasureFactory(title="Lighter", categories=[theme])
    add_prerequisites(lighter, ("people", "One nurse"))
    two = MeasureFactory(title="Two needs", categories=[theme])
    add_prerequisites(two, ("people", "Two nurses"), ("money", "Some money"))
    heavier = MeasureFactory(title="Heavier", categories=[theme])
    add_prerequisites(heavier, *[("data", f"Data set {n}") for n in range(4)])
    # Nothing recorded is not "needs less", and another theme is another problem.
    MeasureFactory(title="Nothing recorded", categories=[theme])
    elsewhere = MeasureFactory(title="Other theme", categories=[CategoryFactory()])
    add_prerequisites(elsewhere, ("people", "Someone"))
    unpublished = MeasureFactory(
        title="Draft", categories=[theme], status=Measure.Status.DRAFT, published_at=None
    )
    add_prerequisites(unpublished, ("people", "Someone"))
    measure = Measure.objects.for_detail().with_prerequisites().get(pk=measure.pk)
    read_taxonomy_into_cache()

    with django_assert_num_queries(1):
        alternatives = fewer_prerequisites(measure)

    assert [m.title for m in alternatives] == ["Lighter", "Two needs"]
    assert [m.prerequisite_count for m in alternatives] == [1, 2]
    response = client.get(fit_url(measure, **{names(measure)[0]: "yes"}))
    assert "Measures on the same themes that need less" in response.content.decode()


def test_measures_that_need_less_fit_the_budget_and_staff_the_visitor_gave(client, measure, theme):
    def lighter(title, budget_band="", staff_effort=""):
        other = MeasureFactory(
            title=title, categories=[theme], budget_band=budget_band, staff_effort=staff_effort
        )
        add_prerequisites(other, ("people", "One nurse"))

    lighter("Cheap, one person", "under-50k", "part-of-one-person")
    lighter("Mid budget, small team", "50k-250k", "small-team")
    lighter("Over a million", "over-1m", "part-of-one-person")
    lighter("Budget not recorded", "", "part-of-one-person")
    lighter("Staff not recorded", "under-50k", "")

    def offered(**answers):
        response = client.get(fit_url(measure, **answers))
        return [m.title for m in response.context["alternatives"]], response.content.decode()

    titles, html = offered(budget="50k-250k", staff="part-of-one-person")
    assert titles == ["Cheap, one person"]
    assert "and no more budget and staff than you have" in html
    titles, html = offered(budget="50k-250k")
    assert titles == ["Cheap, one person", "Mid budget, small team", "Staff not recorded"]
    assert "and no more budget than you have" in html
    titles, html = offered(staff="part-of-one-person")
    assert titles == ["Budget not recorded", "Cheap, one person", "Over a million"]
    titles, html = offered(**{names(measure)[0]: "yes"})
    assert len(titles) == 3
    assert "Give your budget and staff in the form below" in html


def test_fit_page_queries(client, measure, theme, django_assert_num_queries):
    for n in range(5):
        other = MeasureFactory(title=f"Other {n}", categories=[theme], budget_band="under-50k")
        add_prerequisites(other, ("people", "One person"))
    read_taxonomy_into_cache()

    # 1 the measure with region, partner and the ids of its themes
    # 2 its prerequisites
    # 3 the published measures on its themes with fewer prerequisites
    with django_assert_num_queries(3):
        response = client.get(fit_url(measure, budget="under-50k"))

    assert len(response.context["alternatives"]) == 3


def test_a_kept_answer_names_the_same_questions_after_the_prerequisites_are_written_anew(measure):
    # An approved revision deletes a measure's prerequisites and makes them again, and
    # a restored backup numbers them anew: the names of the questions do not change.
    has_broadband, has_nurses, _has_money = names(measure)
    query = f"{has_broadband}=yes&{has_nurses}=no"
    Prerequisite.objects.replace(measure, measure.prerequisites.as_data())
    measure = Measure.objects.for_detail().get(pk=measure.pk)

    check = FitCheck.from_query(measure, query)

    assert [p.condition for p in check.in_place] == ["Broadband in the clients' homes"]
    assert [p.condition for p in check.missing] == ["Nurses trained for video visits"]
    assert [p.condition for p in check.unknown] == ["About €155,000 a year for devices"]


@pytest.fixture
def nothing_recorded(theme):
    """A published measure with no prerequisite, budget or staff recorded."""
    return MeasureFactory(title="Radio and TV museum", slug="radio-museum", categories=[theme])


def test_a_measure_with_nothing_to_compare_offers_no_fit_check(client, nothing_recorded):
    html = client.get("/en/measures/radio-museum/").content.decode()

    assert "Could this work in your region?" not in html
    assert "/en/measures/radio-museum/fit/" not in html


@pytest.mark.parametrize("query", ["", "budget=under-50k&staff=one-person"])
def test_its_fit_address_says_plainly_that_there_is_nothing_to_check(
    client, nothing_recorded, query
):
    response = client.get(f"/en/measures/radio-museum/fit/?{query}")

    assert response.status_code == 200
    html = response.content.decode()
    assert "There is nothing to check yet" in html
    assert '<meta name="robots" content="noindex">' in html
    assert "cannot be compared" not in html
    assert "Check the fit" not in html
    assert response.context["alternatives"] == []


def test_a_measure_with_only_a_budget_recorded_offers_the_check(client, nothing_recorded):
    nothing_recorded.budget_band = "under-50k"
    nothing_recorded.save()

    html = client.get("/en/measures/radio-museum/").content.decode()

    assert 'action="/en/measures/radio-museum/fit/"' in html


@pytest.mark.parametrize("language", ["de", "fi", "pl", "es"])
def test_a_budget_band_keeps_each_amount_and_its_euro_sign_together(language):
    with translation.override(language):
        labels = [str(label) for label in BudgetBand.labels]

    for label in labels:
        assert " €" not in label
        assert not re.search(r"\d \d", label)
        assert re.search(r"\d\u00a0", label)
