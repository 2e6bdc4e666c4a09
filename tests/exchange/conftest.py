"""A catalogue big enough for two list pages, and the list page's own answer to compare with."""

import pytest

from tests.catalogues import listed_catalogue


@pytest.fixture
def catalogue(region, theme):
    """25 published measures in three regions of three countries, three themes, two
    target groups and three partners; title order, publication order and creation
    order all differ."""
    return listed_catalogue(region, theme)


@pytest.fixture
def list_page_slugs(client):
    """The slugs the list page shows for a query string, page after page, in order."""

    def slugs(query):
        found, page = [], 1
        while True:
            separator = "&" if query else ""
            response = client.get(f"/en/measures/?{query}{separator}page={page}")
            assert response.status_code == 200
            found += [measure.slug for measure in response.context["measures"]]
            if not response.context["page_obj"].has_next():
                return found
            page += 1

    return slugs
