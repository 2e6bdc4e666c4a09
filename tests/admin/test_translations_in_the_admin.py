"""Who changes the texts in other languages: coordinators everywhere, editors on their drafts."""

import pytest

from measures.models import Measure, MeasureTranslation, RegionTranslation
from tests.staff import change_form_data, change_url

pytestmark = pytest.mark.django_db

Status = Measure.Status


def with_translation(measure, **fields):
    """The change form of `measure` with one new text in German."""
    return change_form_data(
        measure,
        **{
            "translations-TOTAL_FORMS": "1",
            "translations-0-id": "",
            "translations-0-measure": measure.pk,
            "translations-0-language": "de",
            "translations-0-title": "Digitale Dorfhelfer",
            "translations-0-summary": "",
            "translations-0-description": "",
            **fields,
        },
    )


@pytest.mark.parametrize("status", [Status.DRAFT, Status.SUBMITTED, Status.PUBLISHED])
def test_a_coordinator_opens_and_saves_a_translation_of_any_partners_measure(
    client, coordinator, make_measure, status
):
    measure = make_measure("b", status)
    client.force_login(coordinator)

    page = client.get(change_url(measure))
    assert page.status_code == 200
    assert 'name="translations-TOTAL_FORMS"' in page.content.decode()

    response = client.post(change_url(measure), with_translation(measure))

    assert response.status_code == 302
    (translation,) = MeasureTranslation.objects.filter(measure=measure)
    assert (translation.language, translation.title) == ("de", "Digitale Dorfhelfer")


def test_a_coordinator_changes_a_translation_already_there(client, coordinator, make_measure):
    measure = make_measure("b", Status.PUBLISHED)
    existing = MeasureTranslation.objects.create(measure=measure, language="de", title="Alt")
    client.force_login(coordinator)

    response = client.post(
        change_url(measure),
        with_translation(
            measure,
            **{"translations-INITIAL_FORMS": "1", "translations-0-id": existing.pk},
        ),
    )

    assert response.status_code == 302
    existing.refresh_from_db()
    assert existing.title == "Digitale Dorfhelfer"


def test_a_coordinator_names_a_region_in_another_language(client, coordinator, region_a):
    client.force_login(coordinator)
    url = f"/admin/measures/region/{region_a.pk}/change/"
    assert client.get(url).status_code == 200

    response = client.post(
        url,
        {
            "name": region_a.name,
            "name_local": "",
            "slug": region_a.slug,
            "country": region_a.country,
            "nuts_code": region_a.nuts_code,
            "partner": region_a.partner_id,
            "nearby_metropolises": region_a.nearby_metropolises,
            "description": "",
            "population": "",
            "population_year": "",
            "latitude": "",
            "longitude": "",
            "translations-TOTAL_FORMS": "1",
            "translations-INITIAL_FORMS": "0",
            "translations-0-language": "pl",
            "translations-0-name": "Pomorze Przednie-Greifswald",
            "translations-0-description": "",
            "translations-0-region": region_a.pk,
        },
    )

    assert response.status_code == 302
    assert RegionTranslation.objects.get(region=region_a).name == "Pomorze Przednie-Greifswald"


def test_an_editor_adds_a_translation_to_their_draft(client, editor, make_measure):
    measure = make_measure("a", Status.DRAFT)
    client.force_login(editor)

    response = client.post(change_url(measure), with_translation(measure))

    assert response.status_code == 302
    assert MeasureTranslation.objects.get(measure=measure).title == "Digitale Dorfhelfer"


def test_an_editor_does_not_change_the_translations_of_a_published_measure(
    client, editor, make_measure
):
    measure = make_measure("a", Status.PUBLISHED)
    client.force_login(editor)

    client.post(change_url(measure), with_translation(measure))

    assert not MeasureTranslation.objects.filter(measure=measure).exists()
