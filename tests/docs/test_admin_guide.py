"""The staff guide inside the admin: every staff member reads it, in the admin's language."""

import json
import re
from pathlib import Path

import pytest
from django.conf import settings

from measures.admin.guide import PAGES

pytestmark = pytest.mark.django_db

GUIDE = "/admin/guide/"
ROOT = Path(settings.BASE_DIR)
TEXTS = ROOT / "templates" / "admin" / "guide"


def text_of(response):
    html = response.content.decode()
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


@pytest.mark.parametrize("role", ["editor", "coordinator"])
def test_staff_open_the_guide_and_each_of_its_pages(client, request, role):
    client.force_login(request.getfixturevalue(role))

    overview = client.get(GUIDE)

    assert overview.status_code == 200
    assert "<h1>Guide for editors and coordinators</h1>" in overview.content.decode()
    for page in PAGES:
        assert f'href="{GUIDE}{page.slug}/"' in overview.content.decode()
        response = client.get(f"{GUIDE}{page.slug}/")
        assert response.status_code == 200, page.slug
        assert f"<h1>{page.title}</h1>" in response.content.decode()


def test_the_guide_is_in_the_admins_look(client, editor):
    client.force_login(editor)

    html = client.get(f"{GUIDE}workflow/").content.decode()

    assert "Next2Met back office" in html
    assert '<a href="/admin/">Home</a>' in html
    assert '<span aria-current="page">From draft to published</span>' in html
    assert f'rel="next" href="{GUIDE}sections/"' in html


def test_anonymous_visitor_is_sent_to_the_login_page(client):
    response = client.get(f"{GUIDE}sections/")

    assert response.status_code == 302
    assert response["Location"] == f"/admin/login/?next={GUIDE}sections/"


def test_a_person_who_is_not_staff_is_sent_to_the_login_page(client, django_user_model):
    client.force_login(django_user_model.objects.create_user("visitor", password="x"))

    response = client.get(GUIDE)

    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_an_unknown_page_of_the_guide_is_not_found(client, editor):
    client.force_login(editor)

    assert client.get(f"{GUIDE}nothing-here/").status_code == 404


def test_german_admin_shows_the_german_guide(client, editor):
    client.force_login(editor)

    response = client.get(f"{GUIDE}workflow/", HTTP_ACCEPT_LANGUAGE="de")

    text = text_of(response)
    assert response.status_code == 200
    assert "Speichern und zur Prüfung senden" in text
    assert "Die fünf Zustände" in text
    assert "The five states" not in text
    assert "not yet written in your language" not in text


def test_english_admin_shows_the_english_guide(client, coordinator):
    client.force_login(coordinator)

    text = text_of(client.get(f"{GUIDE}workflow/", HTTP_ACCEPT_LANGUAGE="en"))

    assert "The five states" in text
    assert "Die fünf Zustände" not in text


def test_a_language_without_its_own_guide_shows_english_marked_as_english(client, editor):
    client.force_login(editor)

    html = client.get(f"{GUIDE}sections/", HTTP_ACCEPT_LANGUAGE="fi").content.decode()

    assert '<article class="guide__text" lang="en">' in html
    assert "Problem addressed" in html


def test_the_admin_index_links_the_guide_for_every_staff_member(client, editor):
    client.force_login(editor)

    html = client.get("/admin/").content.decode()

    assert f'<a href="{GUIDE}">Guide: how to enter, review and publish measures</a>' in html
    assert f'<a href="{GUIDE}">Guide</a>' in html


@pytest.mark.parametrize("language", ["en", "de"])
def test_every_page_of_the_guide_is_written_in_english_and_german(language):
    written = {path.stem for path in (TEXTS / language).glob("*.html")}

    assert written == {"index"} | {page.slug for page in PAGES}


def seed_texts(language):
    """Every text of the seed's measures in one language, as one string."""
    if language == "en":
        rows = json.loads((ROOT / "fixtures" / "measures.json").read_text())
    else:
        rows = [
            row
            for row in json.loads((ROOT / "fixtures" / "translations.json").read_text())
            if row["model"] == "measures.measuretranslation"
            and row["fields"]["language"] == language
        ]
    return "\n".join(
        str(value) for row in rows for value in row["fields"].values() if isinstance(value, str)
    )


@pytest.mark.parametrize("language", ["en", "de"])
def test_the_guides_examples_quote_the_seed_word_for_word(language):
    # An example that no longer matches the seed would teach from a text nobody wrote.
    html = (TEXTS / language / "sections.html").read_text()
    examples = re.findall(r'<blockquote class="guide__example[^"]*">(.*?)</blockquote>', html, re.S)
    # After the measure's name in brackets: the quotation, then a comment or the end.
    quotes = [
        re.search(r"\): [“„](.*?)[”“](?: –|</p>)", example, re.S).group(1) for example in examples
    ]
    seed = seed_texts(language)

    assert len(quotes) >= 8
    for quote in quotes:
        for part in quote.split(" … "):
            assert part.strip() in seed, part
