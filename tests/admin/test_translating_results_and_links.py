"""The German form of a measure also asks for its results' and links' texts in German."""

import pytest

from measures.models import (
    IndicatorTranslation,
    Measure,
    MeasureLinkTranslation,
    MeasureTranslation,
)
from tests.factories import IndicatorFactory, MeasureLinkFactory
from tests.staff import change_form_data, change_url, empty_management_form

pytestmark = pytest.mark.django_db

Status = Measure.Status


@pytest.fixture
def measure(make_measure):
    measure = make_measure("b", Status.PUBLISHED)
    IndicatorFactory(measure=measure, name="Trained volunteers", unit="people")
    MeasureLinkFactory(measure=measure, title="Evaluation report 2022")
    return measure


def german_text(measure, translation=None, **parts):
    """The change form of `measure` with its German text and the parts' German fields."""
    indicator = measure.indicators.get()
    link = measure.links.get()
    fields = {
        f"indicator_{indicator.pk}_name": "",
        f"indicator_{indicator.pk}_unit": "",
        f"link_{link.pk}_title": "",
    }
    fields.update({key.format(i=indicator.pk, l=link.pk): value for key, value in parts.items()})
    return change_form_data(
        measure,
        **{
            "translations-TOTAL_FORMS": "1",
            "translations-INITIAL_FORMS": "1" if translation else "0",
            "translations-0-id": translation.pk if translation else "",
            "translations-0-measure": measure.pk,
            "translations-0-language": "de",
            "translations-0-title": "Digitale Dorfhelfer",
            "translations-0-summary": "",
            "translations-0-description": "",
            **empty_management_form("prerequisites"),
            **{f"translations-0-{name}": value for name, value in fields.items()},
        },
    )


def test_the_german_form_asks_for_each_result_and_link_in_german(client, coordinator, measure):
    client.force_login(coordinator)

    html = client.get(change_url(measure)).content.decode()

    indicator, link = measure.indicators.get(), measure.links.get()
    assert f'name="translations-__prefix__-indicator_{indicator.pk}_name"' in html
    assert f'name="translations-__prefix__-indicator_{indicator.pk}_unit"' in html
    assert f'name="translations-__prefix__-link_{link.pk}_title"' in html
    assert "Result “Trained volunteers”: what is counted" in html
    assert "Link “Evaluation report 2022”: link text" in html


def test_saving_the_german_text_stores_the_results_and_links_in_german(
    client, coordinator, measure
):
    client.force_login(coordinator)

    response = client.post(
        change_url(measure),
        german_text(
            measure,
            **{
                "indicator_{i}_name": "Geschulte Freiwillige",
                "indicator_{i}_unit": "Personen",
                "link_{l}_title": "Auswertung 2022",
            },
        ),
    )

    assert response.status_code == 302
    indicator = IndicatorTranslation.objects.get()
    assert (indicator.language, indicator.name, indicator.unit) == (
        "de",
        "Geschulte Freiwillige",
        "Personen",
    )
    assert MeasureLinkTranslation.objects.get().title == "Auswertung 2022"
    # Opened again, the form shows what was stored.
    html = client.get(change_url(measure)).content.decode()
    assert 'value="Geschulte Freiwillige"' in html
    assert 'value="Auswertung 2022"' in html


def test_emptying_a_field_removes_that_translation(client, coordinator, measure):
    translation = MeasureTranslation.objects.create(measure=measure, language="de", title="Alt")
    IndicatorTranslation.objects.create(
        indicator=measure.indicators.get(), language="de", name="Freiwillige"
    )
    MeasureLinkTranslation.objects.create(link=measure.links.get(), language="de", title="Bericht")
    client.force_login(coordinator)

    response = client.post(
        change_url(measure), german_text(measure, translation, **{"link_{l}_title": "Bericht"})
    )

    assert response.status_code == 302
    assert not IndicatorTranslation.objects.exists()
    assert MeasureLinkTranslation.objects.get().title == "Bericht"


def test_a_unit_without_what_is_counted_is_refused_with_a_message(client, coordinator, measure):
    client.force_login(coordinator)

    response = client.post(
        change_url(measure), german_text(measure, **{"indicator_{i}_unit": "Personen"})
    )

    assert response.status_code == 200
    assert "Give what is counted in this language too" in response.content.decode()
    assert not MeasureTranslation.objects.exists()
    assert not IndicatorTranslation.objects.exists()


def test_a_line_break_in_a_link_text_is_refused(client, coordinator, measure):
    client.force_login(coordinator)

    response = client.post(
        change_url(measure), german_text(measure, **{"link_{l}_title": "Bericht\r\nBcc: x"})
    )

    assert response.status_code == 200
    assert not MeasureLinkTranslation.objects.exists()


def test_deleting_the_german_text_deletes_the_results_and_links_in_german(
    client, coordinator, measure
):
    translation = MeasureTranslation.objects.create(measure=measure, language="de", title="Alt")
    IndicatorTranslation.objects.create(
        indicator=measure.indicators.get(), language="de", name="Freiwillige"
    )
    MeasureLinkTranslation.objects.create(link=measure.links.get(), language="de", title="Bericht")
    client.force_login(coordinator)

    data = german_text(measure, translation)
    data["translations-0-DELETE"] = "on"
    response = client.post(change_url(measure), data)

    assert response.status_code == 302
    assert not MeasureTranslation.objects.exists()
    assert not IndicatorTranslation.objects.exists()
    assert not MeasureLinkTranslation.objects.exists()


def test_an_editor_of_another_partner_gets_no_fields_of_the_measure(client, other_editor, measure):
    client.force_login(other_editor)

    response = client.get(change_url(measure))

    assert "indicator_" not in response.content.decode()
