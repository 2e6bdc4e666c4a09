"""The dossier page, its print view and its PDF take the same number of queries at 1 and 12."""

import pytest

from tests.conftest import read_taxonomy_into_cache
from tests.factories import (
    CategoryFactory,
    MeasureFactory,
    MeasureLinkFactory,
    TargetGroupFactory,
)

pytestmark = pytest.mark.django_db

SIZES = [1, 12]


@pytest.fixture
def basket(client, witeno_region):
    def fill(size):
        themes = [CategoryFactory(name="E-services"), CategoryFactory(name="Digital skills")]
        groups = [TargetGroupFactory(name="Older people"), TargetGroupFactory(name="SMEs")]
        for n in range(size):
            measure = MeasureFactory(
                region=witeno_region,
                title=f"Measure {n:02d}",
                categories=themes,
                target_groups=groups,
            )
            MeasureLinkFactory(measure=measure, title=f"Report {n}")
            client.post("/en/dossier/add/", {"slug": measure.slug})
        client.get("/en/dossier/")  # shows and so clears the "added" messages
        read_taxonomy_into_cache()

    return fill


@pytest.mark.parametrize("size", SIZES)
def test_dossier_page_queries(client, django_assert_num_queries, basket, size):
    basket(size)

    # 1 the session
    # 2 the published measures of the basket, with region, partner, and the ids of
    #   their themes and target groups (read from the cached taxonomy); the cards need
    #   no links or results (the print view and the PDF read them)
    with django_assert_num_queries(2):
        response = client.get("/en/dossier/")

    assert len(response.context["measures"]) == size
    assert f"Measure {size - 1:02d}" in response.content.decode()


@pytest.mark.parametrize("size", SIZES)
def test_print_view_queries(client, django_assert_num_queries, basket, size):
    basket(size)

    # 1 the session, 2 the measures with region, partner, theme and group ids, 3 links,
    # 4 indicators, 5 published expert opinions (one more since the dossier shows them)
    with django_assert_num_queries(5):
        response = client.get("/en/dossier/print/")

    html = response.content.decode()
    assert html.count('<article class="practice"') == size
    assert "Digital skills" in html
    assert "Older people" in html
    assert f"Report {size - 1}" in html


@pytest.mark.parametrize("size", SIZES)
def test_pdf_queries(client, django_assert_num_queries, basket, size):
    basket(size)

    # 1 the session, 2 the measures with region, partner, theme and group ids, 3 links,
    # 4 indicators, 5 published expert opinions (one more since the dossier shows them)
    with django_assert_num_queries(5):
        response = client.get("/en/dossier/dossier.pdf")

    assert response.content.startswith(b"%PDF")


@pytest.mark.parametrize("size", SIZES)
def test_dossier_page_queries_in_another_language(client, django_assert_num_queries, basket, size):
    basket(size)

    # 1 the session, 2 the measures with region, partner, theme and group ids
    # 3-4 the German texts of the measures and of their regions
    # The page names no theme or target group, so it reads no taxonomy in German.
    with django_assert_num_queries(4):
        response = client.get("/de/dossier/")

    assert len(response.context["measures"]) == size
