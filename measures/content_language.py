"""The visitor's language for entered content, with English as the fallback.

`localized(obj, "title")` gives the text of a measure, region, theme or target
group in the active language when a translation has it (see
measures/models/translation.py), else the English source. The result is a
`LocalText`: a string that knows its language, so a template can mark English
fallback text on a German page, `<h1{{ title.lang_attr }}>{{ title }}</h1>`,
which renders `<h1 lang="en">` there and a bare `<h1>` where the languages agree.

On an English page nothing is looked up. Elsewhere the translations come from
`prefetch_translations()`, which the querysets of the public pages carry (one
query per kind of object); an object fetched without it looks its translation up
once and keeps it.
"""

from django.conf import settings
from django.db.models import Prefetch
from django.utils.html import format_html
from django.utils.translation import get_language

SOURCE_LANGUAGE = settings.LANGUAGE_CODE


def page_language():
    """The active language as a bare code ("de" for "de-at"); the source language outside."""
    return (get_language() or SOURCE_LANGUAGE).split("-")[0].lower()


def translated_language():
    """The active language when it is not the source language, else None."""
    language = page_language()
    return None if language == SOURCE_LANGUAGE else language


class LocalText(str):
    """A text with the language it is written in."""

    def __new__(cls, text, lang=SOURCE_LANGUAGE):
        value = super().__new__(cls, text or "")
        value.lang = lang
        return value

    def __getnewargs__(self):
        # Keeps the language through pickling, e.g. in a cached page fragment.
        return (str(self), self.lang)

    @property
    def is_fallback(self):
        return self.lang != page_language()

    @property
    def lang_attr(self):
        """` lang="en"` when the text is not in the page's language, else nothing."""
        return format_html(' lang="{}"', self.lang) if self.is_fallback else ""


def source_text(text):
    """Text that exists only in the source language, such as a good-practice section."""
    return LocalText(text, SOURCE_LANGUAGE)


def translation_of(obj, language):
    """The translation of `obj` into `language`, or None; from the prefetch when there is one."""
    cache = getattr(obj, "_prefetched_objects_cache", {})
    if "translations" in cache:
        rows = cache["translations"]
    else:
        found = obj.__dict__.setdefault("_translation_lookups", {})
        if language not in found:
            found[language] = list(obj.translations.filter(language=language)) if obj.pk else []
        rows = found[language]
    return next((row for row in rows if row.language == language), None)


def localized(obj, field):
    """`obj.<field>` in the active language where translated, else the English source."""
    if obj is None:
        return LocalText("", SOURCE_LANGUAGE)
    language = translated_language()
    if language is not None:
        translation = translation_of(obj, language)
        text = getattr(translation, field, "") if translation is not None else ""
        if text and text.strip():
            return LocalText(text, language)
    return LocalText(getattr(obj, field), SOURCE_LANGUAGE)


def prefetch_translations(model, *relations):
    """Prefetches of the active language's translations of `model` and of its `relations`.

    `relations` are lookups from `model` ("region", "categories"); nothing is
    prefetched on a page in the source language, which needs no translation.
    """
    language = translated_language()
    if language is None:
        return []
    prefetches = []
    for path in ("", *relations):
        target = model
        for name in filter(None, path.split("__")):
            target = target._meta.get_field(name).related_model
        translation_model = target._meta.get_field("translations").related_model
        prefetches.append(
            Prefetch(
                f"{path}__translations" if path else "translations",
                queryset=translation_model.objects.filter(language=language),
            )
        )
    return prefetches


def falls_back(obj, fields):
    """Whether any of `obj`'s non-empty `fields` is shown in English on a translated page."""
    if translated_language() is None or obj is None:
        return False
    return any(
        text.strip() and text.is_fallback for text in (localized(obj, field) for field in fields)
    )
