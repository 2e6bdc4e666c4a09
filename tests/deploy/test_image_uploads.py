"""A measure's image: pictures only, within limits, stored without their metadata.

Uploads go through the real admin form as a superuser, as an editor's would.
"""

import re
from io import BytesIO

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import ExifTags, Image
from PIL.PngImagePlugin import PngInfo

from measures import images
from measures.models import Measure

pytestmark = pytest.mark.django_db

ADD = "/admin/measures/measure/add/"
STORED_NAME = re.compile(r"^measures/[0-9a-f]{32}\.(jpg|png)$")


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def form_data(admin_client, region, theme):
    """What the add form sends: the measure's fields and an empty form of every inline."""
    data = {
        "title": "Village e-service points",
        "slug": "",
        "summary": "Staffed points in village shops where people use public e-services.",
        "region": region.pk,
        "partner": region.partner.pk,
        "categories": [theme.pk],
        "start_year": "2022",
        "implementation": "running",
        "image_alt": "A shop counter with a tablet for e-services",
        "_save": "Save",
    }
    for inline in admin_client.get(ADD).context["inline_admin_formsets"]:
        prefix = inline.formset.prefix
        data.update(
            {
                f"{prefix}-TOTAL_FORMS": "0",
                f"{prefix}-INITIAL_FORMS": "0",
                f"{prefix}-MIN_NUM_FORMS": "0",
                f"{prefix}-MAX_NUM_FORMS": "1000",
            }
        )
    return data


def photo_with_gps(size=(40, 20), orientation=None):
    """A JPEG as a phone writes it: camera make, GPS position, a comment."""
    image = Image.new("RGB", size, (200, 30, 30))
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "SpyCam"
    exif[ExifTags.Base.GPSInfo] = {
        ExifTags.GPS.GPSLatitudeRef: "N",
        ExifTags.GPS.GPSLatitude: (60.0, 59.0, 1.0),
        ExifTags.GPS.GPSLongitudeRef: "E",
        ExifTags.GPS.GPSLongitude: (25.0, 39.0, 0.0),
    }
    if orientation:
        exif[ExifTags.Base.Orientation] = orientation
    buffer = BytesIO()
    image.save(buffer, "JPEG", exif=exif, comment=b"Taken at Anna's home")
    return buffer.getvalue()


def png_with_text():
    info = PngInfo()
    info.add_text("Author", "Anna Virtanen")
    info.add_text("Location", "Kukkila 4, Lahti")
    buffer = BytesIO()
    Image.new("RGBA", (30, 30), (0, 128, 0, 128)).save(buffer, "PNG", pnginfo=info)
    return buffer.getvalue()


def picture(image_format, size=(30, 30)):
    buffer = BytesIO()
    Image.new("RGB", size, (0, 0, 255)).save(buffer, image_format)
    return buffer.getvalue()


def upload(admin_client, form_data, name, content, content_type="image/jpeg"):
    data = {**form_data, "image": SimpleUploadedFile(name, content, content_type=content_type)}
    return admin_client.post(ADD, data)


def image_errors(response):
    assert response.status_code == 200, "the form should have been shown again"
    return response.context["adminform"].form.errors.get("image", [])


def test_photo_is_stored_without_camera_gps_or_comment(admin_client, form_data, media_root):
    assert b"SpyCam" in photo_with_gps()

    response = upload(admin_client, form_data, "IMG_2041.jpg", photo_with_gps())

    assert response.status_code == 302
    stored = Measure.objects.get().image
    data = (media_root / stored.name).read_bytes()
    assert b"SpyCam" not in data
    assert b"Anna's home" not in data
    with Image.open(media_root / stored.name) as image:
        assert image.format == "JPEG"
        assert dict(image.getexif()) == {}
        assert "exif" not in image.info
        assert "comment" not in image.info


def test_png_is_stored_without_its_text_chunks(admin_client, form_data, media_root):
    response = upload(admin_client, form_data, "map.png", png_with_text(), "image/png")

    assert response.status_code == 302
    stored = Measure.objects.get().image
    data = (media_root / stored.name).read_bytes()
    assert b"Anna Virtanen" not in data
    assert b"Kukkila" not in data
    with Image.open(media_root / stored.name) as image:
        assert image.format == "PNG"
        assert image.mode == "RGBA"


def test_stored_name_is_random_and_says_what_the_file_really_is(admin_client, form_data):
    # A JPEG sent under a PNG name is stored as what Pillow found it to be.
    upload(admin_client, form_data, "Anna Virtanen passport.png", picture("JPEG"), "image/png")

    name = Measure.objects.get().image.name
    assert STORED_NAME.match(name)
    assert name.endswith(".jpg")
    assert "Anna" not in name


def test_photo_taken_sideways_is_stored_upright(admin_client, form_data, media_root):
    # Orientation 6: the camera was turned; viewers rotate the 40x20 picture to 20x40.
    upload(admin_client, form_data, "sideways.jpg", photo_with_gps(orientation=6))

    with Image.open(media_root / Measure.objects.get().image.name) as image:
        assert image.size == (20, 40)


def test_a_file_that_is_not_an_image_is_refused_with_a_reason(admin_client, form_data):
    pdf = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n"

    response = upload(admin_client, form_data, "photo.jpg", pdf)

    # Django's image form field asks Pillow first, and says why it refuses.
    assert image_errors(response) == [
        "Upload a valid image. The file you uploaded was either not an image or a corrupted image."
    ]
    assert 'class="errorlist' in response.content.decode()
    assert not Measure.objects.exists()


def test_an_oversized_image_is_refused_with_a_reason(admin_client, form_data, settings):
    settings.N2M_IMAGE_MAX_BYTES = 1024
    big = photo_with_gps(size=(400, 400))
    assert len(big) > 1024

    response = upload(admin_client, form_data, "big.jpg", big)

    errors = image_errors(response)
    assert len(errors) == 1
    assert "images may be at most 1.0\xa0KB" in errors[0]
    assert "Save it smaller" in errors[0]
    assert not Measure.objects.exists()


@pytest.mark.parametrize("image_format", ["GIF", "BMP", "TIFF"])
def test_other_image_formats_are_refused_with_a_reason(admin_client, form_data, image_format):
    response = upload(
        admin_client, form_data, f"picture.{image_format.lower()}", picture(image_format)
    )

    assert image_errors(response) == [
        f"This is a {image_format} image; only JPEG and PNG images are accepted."
    ]


def test_an_image_with_too_many_pixels_is_refused_before_decoding(
    admin_client, form_data, monkeypatch
):
    monkeypatch.setattr(images, "MAX_PIXELS", 500)

    response = upload(admin_client, form_data, "huge.png", picture("PNG", (30, 30)), "image/png")

    assert image_errors(response) == [
        "The image is 30 × 30 pixels; at most 0 million pixels are accepted. "
        "Save it smaller and upload it again."
    ]


def test_the_size_limit_defaults_to_five_megabytes(settings):
    assert settings.N2M_IMAGE_MAX_BYTES == 5 * 1024 * 1024


def test_saving_a_measure_again_leaves_its_stored_image_alone(admin_client, form_data, media_root):
    upload(admin_client, form_data, "photo.jpg", photo_with_gps())
    measure = Measure.objects.get()
    before = (media_root / measure.image.name).read_bytes()

    measure.title = "Renamed"
    measure.full_clean()
    measure.save()

    measure.refresh_from_db()
    assert (media_root / measure.image.name).read_bytes() == before


def test_image_without_a_description_is_refused(admin_client, form_data):
    response = upload(admin_client, {**form_data, "image_alt": ""}, "photo.jpg", picture("JPEG"))

    form = response.context["adminform"].form
    assert "image_alt" in form.errors


def test_model_validation_refuses_a_non_image_outside_the_admin_too():
    # Any form or import that runs the model's validation gets the same answer.
    with pytest.raises(ValidationError) as refused:
        images.validate_measure_image(
            Measure(image=SimpleUploadedFile("photo.jpg", b"<html>not a photo</html>")).image
        )

    assert refused.value.code == "not_an_image"
