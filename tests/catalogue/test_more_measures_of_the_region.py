"""A measure's page links to the other measures of its region, named after a colon.

"More measures from Eastern and Midland Region" would become "Weitere Maßnahmen aus
Region Eastern and Midland" in German, which lacks the article the name needs.
"""

import pytest

from tests.factories import MeasureFactory
from tests.html_tree import parse

pytestmark = pytest.mark.django_db


def test_the_measure_page_links_more_measures_of_its_region_after_a_colon(client, partnership):
    measure = MeasureFactory(title="Digital Podlaskie", region=partnership["podlaskie"])
    MeasureFactory(title="Coding club", region=partnership["podlaskie"])

    page = parse(client.get(measure.get_absolute_url()))

    link = next(
        a for a in page.find_all("a") if a.attrs.get("href") == "/en/measures/?region=podlaskie"
    )
    assert link.text == "More measures: Podlaskie Voivodeship"
