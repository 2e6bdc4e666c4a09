"""Text people type is shown as text: script and markup in any field stay inert on every page.

Every text field of the catalogue's models gets a payload that tries to open a
script, break out of an attribute or the <title>, or smuggle a javascript: link;
every public page is then parsed and must contain none of it as markup.
"""

from html.parser import HTMLParser

import pytest
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.html import escape

from measures.models import Category, Measure, MeasureLink, Region, TargetGroup
from measures.search.index import refresh_search_vectors
from partners.models import Partner
from tests.deploy.test_security_headers import DATA_BLOCK_TYPES
from tests.factories import PartnerFactory

pytestmark = pytest.mark.django_db

LONG = (
    "</title></textarea>\"'><script>alert({n})</script>"
    "<img src=x onerror=alert({n})><a href=javascript:alert({n})>x{n}</a>"
)
SHORT = "\"'><script>alert({n})</script>"
# Not free text, each with a validator of its own.
NOT_FREE_TEXT = {(Region, "nuts_code")}
MODELS = [Measure, Region, Category, TargetGroup, Partner, MeasureLink]
EVIL_URL = 'https://example.org/"><script>alert(0)</script><a x="'


def text_fields(model):
    """Every field a person types free text into: titles, names, descriptions…"""
    return [
        field
        for field in model._meta.concrete_fields
        if isinstance(field, models.CharField | models.TextField)
        and not isinstance(field, models.SlugField | models.URLField)
        and not field.choices
        and (model, field.name) not in NOT_FREE_TEXT
    ]


def payloads(model, counter):
    values = {}
    for field in text_fields(model):
        n = next(counter)
        payload = LONG.format(n=n)
        if field.max_length and len(payload) > field.max_length:
            payload = SHORT.format(n=n)
        assert len(payload) <= (field.max_length or 10_000), field
        values[field.name] = payload
    return values


@pytest.fixture
def hostile_catalogue():
    counter = iter(range(1, 1000))
    partner = Partner.objects.create(
        slug="evil-partner", country="FI", website=EVIL_URL, **payloads(Partner, counter)
    )
    region = Region.objects.create(
        slug="evil-region",
        country="FI",
        nuts_code="FI1C3",
        partner=partner,
        **payloads(Region, counter),
    )
    theme = Category.objects.create(slug="evil-theme", **payloads(Category, counter))
    group = TargetGroup.objects.create(slug="evil-group", **payloads(TargetGroup, counter))
    measure = Measure.objects.create(
        slug="evil-measure",
        region=region,
        partner=partner,
        start_year=2020,
        status=Measure.Status.PUBLISHED,
        website=EVIL_URL,
        image="measures/0123456789abcdef0123456789abcdef.jpg",
        **payloads(Measure, counter),
    )
    measure.categories.set([theme])
    measure.target_groups.set([group])
    MeasureLink.objects.create(measure=measure, url=EVIL_URL, **payloads(MeasureLink, counter))
    # On PostgreSQL the search index follows a commit, which a test transaction never makes.
    refresh_search_vectors([measure.pk])
    return measure


class MarkupCollector(HTMLParser):
    """What a browser would make of the page: elements, their attributes, script bodies."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "script":
            src = attributes.get("src") or ""
            data_block = (attributes.get("type") or "").lower() in DATA_BLOCK_TYPES
            if not data_block and not src.startswith("/static/"):
                self.problems.append(f"inline or foreign script: {attrs}")
            self._in_script = not data_block
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"event handler {name}={value!r} on <{tag}>")
            if name in {"href", "src", "action", "formaction"} and value:
                scheme = "".join(value.split()).lower()
                if scheme.startswith(("javascript:", "data:", "vbscript:")):
                    self.problems.append(f"{name}={value!r} on <{tag}>")
        if tag == "img" and attributes.get("src") == "x":
            self.problems.append(f"injected image: {attrs}")

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = False

    def handle_data(self, data):
        if self._in_script and data.strip():
            self.problems.append(f"script body: {data[:60]!r}")


PAGES = [
    "/en/",
    "/en/measures/",
    "/en/measures/?q=alert",
    "/en/measures/?q=%22%3E%3Cscript%3Ealert(1)%3C%2Fscript%3E",
    "/en/measures/?region=evil-region&theme=evil-theme&target=evil-group&partner=evil-partner",
    "/en/measures/evil-measure/",
    "/en/regions/",
    "/en/regions/evil-region/",
    "/en/themes/",
    "/en/themes/evil-theme/",
    "/en/partners/",
    "/en/partners/evil-partner/",
]


@pytest.mark.parametrize("path", PAGES)
def test_every_public_page_renders_the_payloads_inert(client, hostile_catalogue, path):
    response = client.get(path)

    assert response.status_code == 200
    html = response.content.decode()
    collector = MarkupCollector()
    collector.feed(html)
    assert collector.problems == []
    # The payloads are on the page, as text: the check above had something to find.
    assert "&lt;script&gt;alert(" in html


def test_the_detail_page_shows_every_text_field_of_the_measure(client, hostile_catalogue):
    html = client.get("/en/measures/evil-measure/").content.decode()

    for field in [
        "title",
        "summary",
        "description",
        "problem",
        "resources",
        "evidence",
        "difficulties",
        "transfer_potential",
        "funding",
        "main_institution",
        "image_alt",
    ]:
        assert escape(getattr(hostile_catalogue, field)) in html, field


def test_search_for_a_payload_finds_the_measure_and_marks_only_words(client, hostile_catalogue):
    # "alert" rather than "script": PostgreSQL's parser drops <script> as a markup tag.
    response = client.get("/en/measures/", {"q": "alert"})

    assert [measure.slug for measure in response.context["measures"]] == ["evil-measure"]
    assert "<mark>" in response.content.decode()


def test_the_payloads_cover_every_free_text_field_of_every_model():
    counter = iter(range(1, 1000))
    covered = {model: set(payloads(model, counter)) for model in MODELS}

    assert covered[Measure] >= {"title", "summary", "description", "image_alt", "funding"}
    assert covered[Partner] >= {"name", "short_name", "name_local", "city", "description"}
    assert covered[Region] >= {"name", "name_local", "nearby_metropolises", "description"}
    assert covered[Category] == {"name", "description"}
    assert covered[TargetGroup] == {"name"}
    assert covered[MeasureLink] == {"title"}


URL_FIELDS = [(Measure, "website"), (Partner, "website"), (MeasureLink, "url")]
SCRIPT_URLS = [
    "javascript:alert(1)",
    "JavaScript:alert(document.cookie)",
    " javascript:alert(1)",
    "java\tscript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)",
]


@pytest.mark.parametrize(("model", "name"), URL_FIELDS)
@pytest.mark.parametrize("url", SCRIPT_URLS)
def test_url_fields_refuse_script_schemes(model, name, url):
    field = model._meta.get_field(name)

    with pytest.raises(ValidationError):
        field.clean(url, None)


@pytest.mark.parametrize(("model", "name"), URL_FIELDS)
@pytest.mark.parametrize("url", SCRIPT_URLS)
def test_admin_url_inputs_refuse_script_schemes(model, name, url):
    # The admin's fields add https:// to an address typed without a scheme.
    form_field = model._meta.get_field(name).formfield(assume_scheme="https")

    with pytest.raises(ValidationError):
        form_field.clean(url)


def test_partner_with_a_script_website_is_refused_by_full_clean():
    partner = PartnerFactory.build(website="javascript:alert(1)")

    with pytest.raises(ValidationError) as refused:
        partner.full_clean()

    assert "website" in refused.value.message_dict


def test_the_check_catches_a_payload_rendered_as_markup():
    collector = MarkupCollector()
    collector.feed(f"<p>{LONG.format(n=1)}</p><a href='{EVIL_URL}'>x</a>")

    assert len(collector.problems) >= 4
