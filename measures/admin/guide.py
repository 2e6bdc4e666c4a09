"""The staff guide inside the admin: how editors and coordinators do their work.

Every staff member may read it (the admin's own sign-in guards it). Its long texts
are templates, one folder per language (`templates/admin/guide/<language>/<page>.html`),
so that they stay out of the translation catalogues and read as one piece; a page
not yet written in the admin's language is shown in English, marked as English.
"""

from dataclasses import dataclass

from django.contrib import admin
from django.http import Http404
from django.template.loader import select_template
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

# The language every page is written in first.
SOURCE_LANGUAGE = "en"


@dataclass(frozen=True)
class Page:
    slug: str
    title: Promise

    def get_absolute_url(self):
        return reverse("admin_guide_page", args=[self.slug])


# In reading order: the first pages are the ones every editor needs.
PAGES = [
    Page("workflow", _("From draft to published")),
    Page("sections", _("Writing a good practice")),
    Page("prerequisites", _("Prerequisites: what a measure needs")),
    Page("published", _("Changing a published measure")),
    Page("translations", _("Texts in other languages")),
    Page("spreadsheets", _("Spreadsheets")),
    Page("verification", _("Confirming a measure is current")),
    Page("opinions", _("Expert opinions")),
    Page("explorations", _("Regions exploring a measure")),
    Page("public", _("What the public sees")),
    Page("sign-in", _("Signing in")),
]
PAGES_BY_SLUG = {page.slug: page for page in PAGES}
INDEX = "index"


def text_template(slug):
    """The page's text in the admin's language, or in English where it is not written yet."""
    language = (get_language() or SOURCE_LANGUAGE).split("-")[0]
    return select_template(
        [f"admin/guide/{language}/{slug}.html", f"admin/guide/{SOURCE_LANGUAGE}/{slug}.html"]
    )


def guide_view(request, slug=INDEX):
    if slug == INDEX:
        page, title = None, _("Guide for editors and coordinators")
    else:
        page = PAGES_BY_SLUG.get(slug)
        if page is None:
            raise Http404
        title = page.title
    text = text_template(slug)
    text_language = text.origin.template_name.split("/")[2]
    position = PAGES.index(page) if page else -1
    context = {
        **admin.site.each_context(request),
        "title": title,
        "pages": PAGES,
        "page": page,
        "text": text,
        "text_language": text_language,
        "is_fallback": text_language != (get_language() or SOURCE_LANGUAGE).split("-")[0],
        "previous_page": PAGES[position - 1] if position > 0 else None,
        "next_page": PAGES[position + 1] if position + 1 < len(PAGES) else None,
    }
    return TemplateResponse(request, "admin/guide/page.html", context)
