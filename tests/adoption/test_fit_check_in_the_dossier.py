"""A fit check's answer kept in the dossier: on its page, in the print view and in the PDF."""

import io

import pytest
from pypdf import PdfReader

from measures.models.fit import answer_name
from tests.adoption.conftest import add_prerequisites
from tests.factories import MeasureFactory

pytestmark = pytest.mark.django_db

SUMMARY = "This measure has 2 prerequisites. 1 is in place. 1 would still be needed."


@pytest.fixture
def measure():
    measure = MeasureFactory(title="Remote home care", slug="remote-home-care")
    add_prerequisites(measure, ("infrastructure", "Broadband at home"), ("people", "Video nurses"))
    return measure


@pytest.fixture
def answers(measure):
    broadband, nurses = measure.prerequisites.all()
    return f"{answer_name(broadband)}=yes&{answer_name(nurses)}=no&budget=under-50k"


def keep(client, measure, fit):
    return client.post("/en/dossier/add/", {"slug": measure.slug, "fit": fit})


def test_the_result_page_offers_to_keep_the_answer_in_the_dossier(client, measure, answers):
    html = client.get(f"/en/measures/remote-home-care/fit/?{answers}").content.decode()

    assert 'action="/en/dossier/add/"' in html
    assert 'name="fit" value="p' in html


def test_keeping_the_answer_returns_to_a_line_on_the_result_page_that_says_so(
    client, measure, answers
):
    page = f"/en/measures/remote-home-care/fit/?{answers}"

    response = client.post("/en/dossier/add/", {"slug": measure.slug, "fit": answers, "next": page})

    assert response.status_code == 303
    assert response["Location"] == f"{page}#in-dossier-remote-home-care"
    html = client.get(page).content.decode()
    assert 'id="in-dossier-remote-home-care"' in html
    assert "This answer is kept in your dossier" in html


def test_kept_answer_shows_in_the_dossier_print_view_and_pdf(client, measure, answers):
    response = keep(client, measure, answers)

    assert response.status_code == 303
    dossier = client.get("/en/dossier/").content.decode()
    assert "Your fit check is kept with it" in dossier
    assert "/en/measures/remote-home-care/fit/?p" in dossier
    printed = client.get("/en/dossier/print/").content.decode()
    assert SUMMARY in printed
    assert "Video nurses" in printed
    pdf = PdfReader(io.BytesIO(client.get("/en/dossier/dossier.pdf").content))
    text = " ".join(" ".join(page.extract_text().split()) for page in pdf.pages)
    assert "Could this work in your region?" in text
    assert SUMMARY in text
    assert "Would be needed" in text
    assert "Video nurses" in text


def test_keeping_it_again_replaces_the_answer_of_a_measure_already_in_the_dossier(
    client, measure, answers
):
    client.post("/en/dossier/add/", {"slug": measure.slug})
    keep(client, measure, answers)

    assert SUMMARY in client.get("/en/dossier/print/").content.decode()


def test_removing_the_measure_forgets_its_answer(client, measure, answers):
    keep(client, measure, answers)
    client.post("/en/dossier/remove/", {"slug": measure.slug})
    client.post("/en/dossier/add/", {"slug": measure.slug})

    assert (
        "Could this work in your region?" not in client.get("/en/dossier/print/").content.decode()
    )


def test_a_measure_without_a_kept_answer_prints_as_before(client, measure):
    client.post("/en/dossier/add/", {"slug": measure.slug})

    assert (
        "Could this work in your region?" not in client.get("/en/dossier/print/").content.decode()
    )


@pytest.mark.parametrize("fit", ["", "x" * 3000])
def test_a_fit_that_is_no_answer_is_not_kept(client, measure, fit):
    keep(client, measure, fit)

    assert "Your fit check is kept" not in client.get("/en/dossier/").content.decode()


@pytest.mark.parametrize(
    "fit",
    [
        "budget=zzz&staff=lots",  # answers that are not among the choices
        "p00000000=yes&budget=over-a-billion",  # a question the measure does not ask
        "&".join(f"junk{n}=1" for n in range(300))[:1900],  # a query of nothing but junk
    ],
)
def test_a_fit_that_answers_nothing_is_not_kept(client, measure, fit):
    keep(client, measure, fit)

    assert "Your fit check is kept" not in client.get("/en/dossier/").content.decode()
    assert "Could this work in your region?" not in (
        client.get("/en/dossier/print/").content.decode()
    )


def test_a_measure_with_nothing_to_check_keeps_no_fit(client):
    # No prerequisite, budget or staff recorded: the fit page says there is nothing to check.
    bare = MeasureFactory(slug="bare-measure", budget_band="", staff_effort="")

    keep(client, bare, "budget=over-1m")

    assert "Could this work in your region?" not in (
        client.get("/en/dossier/print/").content.decode()
    )


def test_a_kept_answer_is_kept_in_the_result_pages_own_form(client, measure, answers):
    # Junk and repeated parameters around real answers: only the answers are kept.
    keep(client, measure, f"zz=1&{answers}&{answers}&utm_source=mail")

    dossier = client.get("/en/dossier/").content.decode()
    assert f"/en/measures/remote-home-care/fit/?{answers}" in dossier.replace("&amp;", "&")
    assert "zz=1" not in dossier
    assert "utm_source" not in dossier
    assert SUMMARY in client.get("/en/dossier/print/").content.decode()
