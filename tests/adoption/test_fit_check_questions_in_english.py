"""The fit check's questions are entered in English: a German page marks them lang="en"
and its notice that some texts are in English counts them."""

import pytest

from measures.models import MeasureTranslation
from measures.models.fit import answer_name
from measures.templatetags.catalogue import MEASURE_TEXTS
from tests.adoption.conftest import add_prerequisites
from tests.factories import MeasureFactory
from tests.html_tree import parse

pytestmark = pytest.mark.django_db

NOTICE = "language-notice"


@pytest.fixture
def measure(theme):
    """A measure whose own texts are all in German, so only its questions are English."""
    measure = MeasureFactory(title="Remote home care", slug="remote-home-care", categories=[theme])
    MeasureTranslation.objects.create(
        measure=measure,
        language="de",
        title="Pflege aus der Ferne",
        summary=measure.summary,
        description=measure.description,
    )
    add_prerequisites(
        measure,
        ("infrastructure", "Broadband in the clients' homes", "Video visits need it."),
    )
    return measure


def legend_parts(page):
    question = page.find("fieldset", cls="fit__question")
    condition = next(
        span for span in question.find("legend").find_all("span") if "fit__kind" not in span.classes
    )
    return condition, question.find("p", cls="fit__reason")


@pytest.mark.parametrize(
    "url", ["/de/measures/remote-home-care/", "/de/measures/remote-home-care/fit/?budget=under-50k"]
)
def test_a_german_page_marks_the_questions_english(client, measure, url):
    condition, reason = legend_parts(parse(client.get(url)))

    assert condition.text == "Broadband in the clients' homes"
    assert condition.attrs.get("lang") == "en"
    assert reason.attrs.get("lang") == "en"


def test_the_english_page_does_not_mark_the_questions(client, measure):
    condition, reason = legend_parts(parse(client.get("/en/measures/remote-home-care/")))

    assert "lang" not in condition.attrs
    assert "lang" not in reason.attrs


def test_the_fit_result_marks_the_questions_english_on_a_german_page(client, measure):
    name = answer_name(measure.prerequisites.get())
    page = parse(client.get(f"/de/measures/remote-home-care/fit/?{name}=no"))

    needed = page.find("div", cls="fit-result__group--needed")
    assert needed.find("span", lang="en").text == "Broadband in the clients' homes"
    assert needed.find("span", cls="fit-result__reason").attrs.get("lang") == "en"


def test_the_fit_page_says_its_questions_are_in_english(client, measure):
    page = parse(client.get("/de/measures/remote-home-care/fit/?budget=under-50k"))

    assert page.find_all("p", cls=NOTICE)


def test_english_questions_alone_make_the_measure_page_say_some_texts_are_english(client, measure):
    translation = MeasureTranslation.objects.get(measure=measure)
    for field in MEASURE_TEXTS:
        if getattr(measure, field, "").strip():
            setattr(translation, field, f"{field} auf Deutsch")
    translation.save()
    page = parse(client.get("/de/measures/remote-home-care/"))

    assert page.find_all("p", cls=NOTICE)
    measure.prerequisites.all().delete()
    assert not parse(client.get("/de/measures/remote-home-care/")).find_all("p", cls=NOTICE)


def test_a_german_fit_page_without_questions_says_nothing_is_english(client, measure):
    measure.prerequisites.all().delete()

    page = parse(client.get("/de/measures/remote-home-care/fit/?budget=under-50k"))

    assert not page.find_all("p", cls=NOTICE)
