"""A replaced or cleared image leaves the disk once the change is committed, if no row uses it."""

from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from measures.models import Measure
from tests.staff import change_form_data, change_url

pytestmark = pytest.mark.django_db

Status = Measure.Status


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def picture(name="photo.png", colour=(30, 120, 200)):
    buffer = BytesIO()
    Image.new("RGB", (20, 10), colour).save(buffer, "PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


@pytest.fixture
def measure_with_image(make_measure):
    measure = make_measure("a", Status.DRAFT, image_alt="A tablet on a shop counter")
    measure.image = picture()
    measure.save()
    return measure


def stored(media_root, measure):
    return media_root / measure.image.name


def test_replacing_an_image_deletes_the_old_file_after_the_commit(
    client, django_capture_on_commit_callbacks, editor, measure_with_image, media_root
):
    old = stored(media_root, measure_with_image)
    assert old.exists()
    client.force_login(editor)

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = client.post(
            change_url(measure_with_image),
            change_form_data(measure_with_image, image=picture("new.png", (10, 200, 10))),
        )
    assert response.status_code == 302
    assert old.exists(), "nothing is deleted before the commit"

    for callback in callbacks:
        callback()

    measure_with_image.refresh_from_db()
    assert not old.exists()
    assert stored(media_root, measure_with_image).exists()
    assert stored(media_root, measure_with_image) != old


def test_clearing_an_image_deletes_its_file(
    client, django_capture_on_commit_callbacks, editor, measure_with_image, media_root
):
    old = stored(media_root, measure_with_image)
    client.force_login(editor)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            change_url(measure_with_image),
            change_form_data(measure_with_image, **{"image-clear": "on"}),
        )

    assert response.status_code == 302
    measure_with_image.refresh_from_db()
    assert not measure_with_image.image
    assert not old.exists()


def test_a_file_another_measure_still_shows_is_kept(
    client, django_capture_on_commit_callbacks, editor, measure_with_image, make_measure, media_root
):
    old = stored(media_root, measure_with_image)
    other = make_measure("a", Status.DRAFT, image_alt="The same picture")
    Measure.objects.filter(pk=other.pk).update(image=measure_with_image.image.name)
    client.force_login(editor)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            change_url(measure_with_image),
            change_form_data(measure_with_image, image=picture("new.png", (10, 200, 10))),
        )

    assert old.exists()


def test_saving_without_touching_the_image_keeps_it(
    client, django_capture_on_commit_callbacks, editor, measure_with_image, media_root
):
    old = stored(media_root, measure_with_image)
    client.force_login(editor)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            change_url(measure_with_image), change_form_data(measure_with_image, summary="New.")
        )

    assert response.status_code == 302
    measure_with_image.refresh_from_db()
    assert stored(media_root, measure_with_image) == old
    assert old.exists()
