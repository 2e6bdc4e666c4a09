"""The dossier's print view and its PDF show a measure's published expert opinions."""

import io

import pytest
from django.utils import timezone
from pypdf import PdfReader

from measures.models import ExpertOpinion
from tests.factories import MeasureFactory, UserFactory
from tests.review.opinions import make_opinion

pytestmark = pytest.mark.django_db

Status = ExpertOpinion.Status


@pytest.fixture
def kept_measure(client):
    measure = MeasureFactory(title="Village e-service helpers")
    make_opinion(
        measure,
        UserFactory(),
        status=Status.PUBLISHED,
        published_at=timezone.now(),
        reply="We now publish a comparison group.",
    )
    make_opinion(measure, UserFactory(), status=Status.SUBMITTED, text="Not yet checked.")
    client.post("/en/dossier/add/", {"slug": measure.slug})
    return measure


def test_print_view_shows_the_published_opinion_with_its_ratings(client, kept_measure):
    html = client.get("/en/dossier/print/").content.decode()

    assert "Expert opinions" in html
    assert "Dr. Maria Nowak" in html
    assert "<strong>Relevance to next-to-metropolis regions: 5 of 5</strong>" in html
    assert "<strong>Novelty: 2 of 5</strong>" in html
    assert "Similar portals exist in Estonia." in html
    assert "We now publish a comparison group." in html
    assert "Not yet checked." not in html


def test_pdf_shows_the_published_opinion_with_its_ratings(client, kept_measure):
    pdf = PdfReader(io.BytesIO(client.get("/en/dossier/dossier.pdf").content))
    text = " ".join(" ".join(page.extract_text().split()) for page in pdf.pages)

    assert "Expert opinions" in text
    assert "Dr. Maria Nowak, University of Łódź, regional economics" in text
    assert "Transferability: 4 of 5" in text
    assert "Needs only a municipal IT department." in text
    assert "Reply by the measure's editors" in text
    assert "Not yet checked." not in text


def test_a_measure_without_opinions_has_no_opinion_section(client):
    measure = MeasureFactory(title="Unreviewed measure")
    client.post("/en/dossier/add/", {"slug": measure.slug})

    html = client.get("/en/dossier/print/").content.decode()

    assert "Unreviewed measure" in html
    assert "Expert opinions" not in html
