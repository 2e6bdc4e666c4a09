"""The image of a measure: what an upload must be, and what is kept of it.

Pillow, not the file name, decides what a file is: only JPEG and PNG pictures
are accepted, up to settings.N2M_IMAGE_MAX_BYTES and MAX_PIXELS. On saving,
the picture is drawn again into a new file of its own format, so nothing but
the pixels survives: no EXIF (camera, GPS position, date), no XMP, no comments.
The stored name is random (measure_image_path in measures/models/measure.py).

A file that a save replaced or cleared is deleted once the save is committed,
unless a row still names it (`delete_when_unused`): without that, every
replaced picture stayed on the disk for good.
"""

import logging
from io import BytesIO

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps, UnidentifiedImageError

logger = logging.getLogger(__name__)

# Pillow's format name → the extension the stored file gets.
FORMATS = {"JPEG": "jpg", "PNG": "png"}
# Larger pictures are refused before they are decoded: 40 megapixels is far more
# than a web page shows, and far less than a "decompression bomb" needs.
MAX_PIXELS = 40_000_000
JPEG_QUALITY = 88
# Image.info entries drawing needs; everything else (exif, xmp, comment, dpi…) goes.
KEPT_INFO = ("icc_profile", "transparency")

NOT_AN_IMAGE = _(
    "This file is not a picture that can be read. Upload a photo or illustration "
    "as a JPEG or PNG file."
)


def _is_new_upload(value):
    # A stored file was checked when it was uploaded; it may not even be on this
    # server's disk, so it is not opened again.
    return bool(value) and not getattr(value, "_committed", True)


def validate_measure_image(value):
    """Refuse anything but a JPEG or PNG picture within the size limits, with the reason."""
    if not _is_new_upload(value):
        return
    limit = settings.N2M_IMAGE_MAX_BYTES
    if value.size > limit:
        raise ValidationError(
            _(
                "The file is %(size)s; images may be at most %(limit)s. "
                "Save it smaller (e.g. 2000 pixels wide) and upload it again."
            ),
            code="image_too_large",
            params={"size": filesizeformat(value.size), "limit": filesizeformat(limit)},
        )
    source = value.file
    source.seek(0)
    try:
        with Image.open(source) as image:
            image_format = image.format
            width, height = image.size
            image.verify()
    except (UnidentifiedImageError, Image.DecompressionBombError, OSError, SyntaxError):
        raise ValidationError(NOT_AN_IMAGE, code="not_an_image") from None
    finally:
        source.seek(0)
    if image_format not in FORMATS:
        raise ValidationError(
            _("This is a %(format)s image; only JPEG and PNG images are accepted."),
            code="image_format",
            params={"format": image_format},
        )
    if width * height > MAX_PIXELS:
        raise ValidationError(
            _(
                "The image is %(width)s × %(height)s pixels; at most %(megapixels)s million "
                "pixels are accepted. Save it smaller and upload it again."
            ),
            code="image_too_many_pixels",
            params={"width": width, "height": height, "megapixels": MAX_PIXELS // 1_000_000},
        )


def strip_metadata(field_file):
    """Replace a newly uploaded image by a fresh file holding only its pixels.

    The picture is turned upright first, since the EXIF orientation that told
    viewers how to turn it goes with the rest of the metadata.
    """
    if not _is_new_upload(field_file):
        return
    source = field_file.file
    source.seek(0)
    with Image.open(source) as original:
        image_format = original.format
        upright = ImageOps.exif_transpose(original)
    upright.info = {key: upright.info[key] for key in KEPT_INFO if key in upright.info}
    output = BytesIO()
    if image_format == "JPEG":
        if upright.mode not in ("RGB", "L", "CMYK"):
            upright = upright.convert("RGB")
        upright.save(output, "JPEG", quality=JPEG_QUALITY, optimize=True, **_icc(upright))
    else:
        upright.save(output, "PNG", optimize=True, **_icc(upright))
    name = f"image.{FORMATS[image_format]}"
    field_file.file = ContentFile(output.getvalue(), name=name)
    field_file.name = name


def _icc(image):
    # The colour profile keeps colours true; it describes the screen, not the person.
    profile = image.info.get("icc_profile")
    return {"icc_profile": profile} if profile else {}


def delete_when_unused(storage, name, in_use):
    """Delete the stored file `name` once the transaction commits, unless `in_use(name)`.

    After the commit, so that a save rolled back keeps its picture; and `in_use`
    is asked then, so that a row that names the file by then keeps it too.
    """

    def delete():
        if in_use(name):
            return
        try:
            storage.delete(name)
        except OSError:
            # The change is committed; a file left behind is no reason to fail it.
            logger.exception("Could not delete the replaced image %s", name)

    transaction.on_commit(delete)
