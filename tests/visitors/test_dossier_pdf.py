"""The dossier as a PDF: paged, one measure per page at least, every letter of the partnership."""

import io

import pytest
from pypdf import PdfReader

from measures.models.results import Indicator
from tests.factories import MeasureFactory, RegionFactory

pytestmark = pytest.mark.django_db

PDF = "/en/dossier/dossier.pdf"
LONG_TEXT = "\n\n".join(
    "The service points open twice a week in village halls; staff help people use "
    "the county's e-services, print forms and book appointments. " * 6
    for _ in range(8)
)


@pytest.fixture
def basket(client, witeno_region, diba):
    measures = [
        MeasureFactory(
            region=witeno_region,
            title="Village e-service points",
            slug="village",
            description=LONG_TEXT,
            evidence="1,200 visits in the first year.",
            evidence_level="monitored",
        ),
        MeasureFactory(
            region=RegionFactory(name="Łódzkie", slug="lodzkie", country="PL", partner=diba),
            title="Cyfrowa gmina: e-usługi w Łódź i Żyrardów",
            slug="cyfrowa",
            summary="Niños, Mädchen und Łucja lernen gemeinsam; Győr ist auch dabei.",
        ),
        MeasureFactory(region=witeno_region, title="Rural broadband office", slug="broadband"),
    ]
    Indicator.objects.create(
        measure=measures[0], name="Visits to the service points", unit="visits", achieved=1200
    )
    for measure in measures:
        client.post("/en/dossier/add/", {"slug": measure.slug})
    return measures


def read(response):
    return PdfReader(io.BytesIO(response.content))


def test_the_pdf_is_a_real_pdf_with_a_page_or_more_per_measure(client, basket):
    response = client.get(PDF)

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith('attachment; filename="next2met-dossier-')
    assert "no-store" in response["Cache-Control"]
    assert response.content.startswith(b"%PDF")
    pdf = read(response)
    assert len(pdf.pages) > len(basket)  # the long description takes a second page


def test_each_measure_starts_on_a_new_page(client, basket):
    pages = [page.extract_text() for page in read(client.get(PDF)).pages]

    # The facts table opens every measure and appears once per measure.
    firsts = [n for n, text in enumerate(pages) if "Region, country" in text]
    assert [pages[n].count("Region, country") for n in firsts] == [1, 1, 1]
    assert firsts[0] == 0
    titles = ["Village e-service points", "Cyfrowa gmina", "Rural broadband"]
    for n, title in zip(firsts, titles, strict=True):
        assert title in pages[n]
    assert firsts[1] - firsts[0] >= 2  # the long first measure runs over onto a second page


def test_pages_carry_the_catalogue_name_date_and_page_numbers(client, basket):
    pages = [page.extract_text() for page in read(client.get(PDF)).pages]

    total = len(pages)
    for number, text in enumerate(pages, start=1):
        assert "Next2Met catalogue" in text
        assert f"Page {number} of {total}" in text


def test_letters_beyond_latin_1_come_out_as_they_were_entered(client, basket):
    text = "\n".join(page.extract_text() for page in read(client.get(PDF)).pages)

    for word in ["Łódzkie", "Żyrardów", "Niños", "Mädchen", "Łucja", "Győr"]:
        assert word in text


def test_the_pdf_follows_the_good_practice_template(client, basket):
    text = "\n".join(page.extract_text() for page in read(client.get(PDF)).pages)

    headings = [
        "Main institution",
        "Detailed description",
        "Problem addressed",
        "Resources needed",
        "Evidence of success",
        "Difficulties encountered",
        "Potential for learning or transfer",
        "Further information",
        "Contact",
    ]
    for heading in headings:
        assert heading in text
    positions = [text.index(heading) for heading in headings]
    assert positions == sorted(positions)
    assert "1,200 visits in the first year." in text
    assert "Evidence level" in text
    assert "Monitored" in text
    assert "Results in figures" in text
    assert "Visits to the service points" in text
    assert "/en/measures/village/contact/" in text
    assert "@" not in text


def test_an_empty_dossier_has_no_pdf_but_an_explanation(client):
    response = client.get(PDF)

    assert response.status_code == 303
    page = client.get(response["Location"])
    assert "add measures before downloading it" in page.content.decode()
