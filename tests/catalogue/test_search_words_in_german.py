"""German names the words searched with a noun ("Suche: …") and the search button with a verb."""

import pytest

from tests.factories import MeasureFactory

pytestmark = pytest.mark.django_db


def test_the_german_search_chip_is_a_noun_and_the_button_a_verb(client):
    MeasureFactory(title="Remote home care unit")

    html = client.get("/de/measures/", {"q": "care"}).content.decode()

    assert '<span class="chip__label">Suche:</span> care' in html
    assert ">Suchen</button>" in html
