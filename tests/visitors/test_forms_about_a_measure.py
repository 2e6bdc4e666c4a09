"""The two forms a visitor sends about one measure open alike, from one template.

The contact form and the form of a region exploring the measure share their
opening (templates/measures/measure_form_page.html): kept from search engines,
the trail Home › Measures › the measure (templates/includes/measure_breadcrumbs.html,
which the fit check uses too), the heading, and the notice that names what was
not sent and why. Each page says only what is its own.
"""

import re

import pytest

from tests.factories import MeasureFactory

pytestmark = pytest.mark.django_db

FORMS = {
    "contact": ("Contact the people behind this measure", "Your message was not sent"),
    "explore": ("We are exploring this measure", "Your entry was not sent"),
}


@pytest.fixture
def measure(witeno_region):
    return MeasureFactory(region=witeno_region, title="Village e-service points", slug="village")


def breadcrumbs(html):
    return re.search(r'<nav class="breadcrumbs".*?</nav>', html, re.S).group(0)


def template_names(response):
    return [template.name for template in response.templates]


@pytest.mark.parametrize("page", FORMS)
def test_the_form_opens_from_the_shared_template_kept_from_search_engines(client, measure, page):
    response = client.get(f"/en/measures/{measure.slug}/{page}/")

    html = response.content.decode()
    assert "measures/measure_form_page.html" in template_names(response)
    assert "includes/measure_breadcrumbs.html" in template_names(response)
    assert '<meta name="robots" content="noindex">' in html
    assert f"<h1>{FORMS[page][0]}</h1>" in html
    assert 'class="contact__measure"' in html


def test_both_forms_and_the_fit_check_lead_back_along_the_same_trail(client, measure):
    trails = [
        breadcrumbs(client.get(f"/en/measures/{measure.slug}/{page}/").content.decode())
        for page in ["contact", "explore", "fit"]
    ]

    assert trails[0] == trails[1] == trails[2]
    assert f'href="/en/measures/{measure.slug}/"' in trails[0]
    assert [text.strip() for text in re.findall(r">([^<]+)</a>", trails[0])] == [
        "Home",
        "Measures",
        measure.title,
    ]


@pytest.mark.parametrize("page", FORMS)
def test_a_form_sent_with_mistakes_names_what_was_not_sent(client, measure, page):
    response = client.post(f"/en/measures/{measure.slug}/{page}/", {})

    html = response.content.decode()
    assert response.status_code == 200
    assert re.search(r'<div class="notice notice--error" role="alert" id="form-problem"', html)
    assert f'<h2 class="notice__title">{FORMS[page][1]}</h2>' in html
