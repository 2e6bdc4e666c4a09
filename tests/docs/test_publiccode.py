"""publiccode.yml against the field list of the publiccode.yml standard, version 0.4.

No validator of the standard is packaged for Python, so the standard's own rules are
written out here: the mandatory keys, their types, the enumerated values, the length
limits and the date format (https://yml.publiccode.tools/schema.core.html).
"""

import re
from datetime import date
from pathlib import Path

import pytest
import yaml
from django.conf import settings

ROOT = Path(settings.BASE_DIR)

DEVELOPMENT_STATUSES = {"concept", "development", "beta", "stable", "obsolete"}
SOFTWARE_TYPES = {
    "standalone/mobile",
    "standalone/iot",
    "standalone/desktop",
    "standalone/web",
    "standalone/backend",
    "standalone/other",
    "addon",
    "library",
    "configurationFiles",
}
MAINTENANCE_TYPES = {"internal", "contract", "community", "none"}
# The standard's controlled vocabularies (categories-list, scope-list), in part: the
# entries a catalogue of public content could use, and their neighbours.
CATEGORIES = {
    "collaboration",
    "communications",
    "content-management",
    "data-analytics",
    "data-collection",
    "data-visualization",
    "digital-citizenship",
    "document-management",
    "geographic-information-systems",
    "knowledge-management",
    "online-community",
    "translation",
    "website-builder",
    "workflow-management",
}
SCOPES = {
    "agriculture",
    "culture",
    "defence",
    "education",
    "emergency-services",
    "employment",
    "energy",
    "environment",
    "finance-and-economic-development",
    "foreign-affairs",
    "healthcare",
    "infrastructures",
    "justice",
    "local-authorities",
    "manufacturing",
    "research",
    "science-and-technology",
    "security",
    "society",
    "sport",
    "tourism",
    "transportation",
    "welfare",
}
LANGUAGE_TAG = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$")


@pytest.fixture(scope="module")
def publiccode():
    # YAML 1.1 would read an unquoted date as a date: the standard wants strings.
    return yaml.load((ROOT / "publiccode.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)


def is_date(value):
    return bool(re.fullmatch(r"\d{4}-\d{2}-\d{2}", value)) and bool(date.fromisoformat(value))


def test_version_name_and_url(publiccode):
    assert publiccode["publiccodeYmlVersion"] == "0.4"
    assert publiccode["name"] == "Next2Met catalogue"
    assert re.fullmatch(r"https://\S+", publiccode["url"])


def test_release_is_the_projects_version_and_the_changelogs_newest(publiccode):
    pyproject = (ROOT / "pyproject.toml").read_text()
    changelog = (ROOT / "CHANGELOG.md").read_text()
    newest = re.search(r"^## \[(\d+\.\d+\.\d+)\] - (\d{4}-\d{2}-\d{2})$", changelog, re.M)

    assert f'version = "{publiccode["softwareVersion"]}"' in pyproject
    assert is_date(publiccode["releaseDate"])
    assert newest.groups() == (publiccode["softwareVersion"], publiccode["releaseDate"])


def test_platforms_categories_status_and_type_take_the_standards_values(publiccode):
    assert publiccode["platforms"] == ["web"]
    assert publiccode["categories"]
    assert set(publiccode["categories"]) <= CATEGORIES
    assert publiccode["developmentStatus"] in DEVELOPMENT_STATUSES
    assert publiccode["softwareType"] in SOFTWARE_TYPES


def test_intended_audience_names_the_partner_countries(publiccode):
    audience = publiccode["intendedAudience"]

    assert set(audience["scope"]) <= SCOPES
    assert set(audience["countries"]) == {"fi", "at", "de", "es", "ie", "pl"}


@pytest.mark.parametrize("language", ["en", "de"])
def test_description_in_english_and_german(publiccode, language):
    description = publiccode["description"][language]

    short = description["shortDescription"]
    assert 0 < len(short) <= 150
    assert "\n" not in short
    assert 150 <= len(description["longDescription"]) <= 10_000
    assert len(description["features"]) >= 5
    assert all(isinstance(feature, str) and feature for feature in description["features"])


def test_licence_is_the_eupl_as_pyproject_declares(publiccode):
    assert publiccode["legal"]["license"] == "EUPL-1.2"
    assert 'license = "EUPL-1.2"' in (ROOT / "pyproject.toml").read_text()


def test_maintenance_names_its_contacts(publiccode):
    maintenance = publiccode["maintenance"]

    assert maintenance["type"] in MAINTENANCE_TYPES
    if maintenance["type"] in {"internal", "community"}:
        assert all(contact["name"] for contact in maintenance["contacts"])
    if maintenance["type"] == "contract":
        assert all(c["name"] and is_date(c["until"]) for c in maintenance["contractors"])


def test_localisation_lists_the_sites_languages(publiccode):
    localisation = publiccode["localisation"]

    assert localisation["localisationReady"] == "true"
    assert all(LANGUAGE_TAG.match(tag) for tag in localisation["availableLanguages"])
    assert set(localisation["availableLanguages"]) == {code for code, _ in settings.LANGUAGES}


def test_dependencies_each_have_a_name(publiccode):
    for kind, dependencies in publiccode["dependsOn"].items():
        assert kind in {"open", "proprietary", "hardware"}
        for dependency in dependencies:
            assert dependency["name"]
            assert set(dependency) <= {"name", "versionMin", "versionMax", "version", "optional"}


def test_no_key_outside_the_standard(publiccode):
    top_level = {
        "publiccodeYmlVersion",
        "name",
        "applicationSuite",
        "url",
        "landingURL",
        "isBasedOn",
        "organizationUri",
        "softwareVersion",
        "releaseDate",
        "logo",
        "platforms",
        "categories",
        "usedBy",
        "roadmap",
        "developmentStatus",
        "softwareType",
        "intendedAudience",
        "description",
        "legal",
        "maintenance",
        "localisation",
        "dependsOn",
    }
    description_keys = {
        "localisedName",
        "shortDescription",
        "longDescription",
        "documentation",
        "apiDocumentation",
        "features",
        "screenshots",
        "videos",
        "awards",
    }

    assert set(publiccode) <= top_level
    for language in publiccode["description"].values():
        assert set(language) <= description_keys
