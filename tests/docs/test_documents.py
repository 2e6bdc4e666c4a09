"""The README as the front door and docs/ behind it: short, linked, each fact in one place."""

import re
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(settings.BASE_DIR)
README = ROOT / "README.md"
DOCS = sorted((ROOT / "docs").rglob("*.md"))
DOCUMENTS = [README, *DOCS]
LINK = re.compile(r"\[[^\]]*\]\(([^)\s]+)\)")
FENCE = re.compile(r"^```.*?^```", re.S | re.M)


def name(path):
    return str(path.relative_to(ROOT))


def prose(path):
    """The document without its code blocks, tables, headings and comments."""
    text = FENCE.sub("", path.read_text())
    text = re.sub(r"<!--.*?-->", "", text, flags=re.S)
    return "\n".join(line for line in text.splitlines() if not line.startswith(("|", "#", "    ")))


def anchors(path):
    """The anchors a Markdown renderer gives the headings, as GitHub makes them."""
    headings = re.findall(r"^#+ (.+)$", FENCE.sub("", path.read_text()), re.M)
    return {
        re.sub(r"[^\w\- ]", "", heading.lower().replace("`", "")).replace(" ", "-")
        for heading in headings
    }


def test_readme_is_short():
    assert len(README.read_text().splitlines()) <= 150


def test_readme_shows_make_run_and_make_test_first():
    first_block = FENCE.search(README.read_text()).group(0)
    commands = [line.split("#")[0].strip() for line in first_block.splitlines()[1:-1]]

    assert [command for command in commands if command] == ["make run", "make test"]


def test_ci_runs_the_test_command_the_readme_shows():
    assert "\nmake test\n" in (ROOT / ".ci" / "run").read_text()


def test_readme_shows_a_small_screenshot_with_a_description():
    image = re.search(r"!\[([^\]]+)\]\(([^)]+)\)", README.read_text())

    assert image, "the README shows no image"
    description, path = image.groups()
    assert len(description) > 40
    assert (ROOT / path).stat().st_size < 150_000


@pytest.mark.parametrize("path", DOCS, ids=name)
def test_every_docs_page_says_whom_it_is_for_in_its_first_line(path):
    lines = [line for line in path.read_text().splitlines() if line.strip()]

    assert lines[0].startswith("# ")
    assert lines[1].startswith("*For ")


@pytest.mark.parametrize("path", DOCUMENTS, ids=name)
def test_every_link_between_the_documents_leads_somewhere(path):
    for target in LINK.findall(path.read_text()):
        if re.match(r"[a-z]+:", target):
            continue
        file_part, _, anchor = target.partition("#")
        linked = (path.parent / file_part).resolve() if file_part else path
        assert linked.exists(), f"{name(path)} links to a missing {target}"
        if anchor and linked.suffix == ".md":
            assert anchor in anchors(linked), f"{name(path)} links to a missing {target}"


def test_the_readme_leads_to_every_docs_page():
    linked = {(ROOT / target).resolve() for target in LINK.findall(README.read_text())}

    assert [name(path) for path in DOCS if path.resolve() not in linked] == []


def sentences(path):
    text = re.sub(r"\s+", " ", prose(path))
    return {
        sentence.strip()
        for sentence in re.split(r"(?<=[.:;!?])\s", text)
        if len(sentence.split()) >= 10
    }


def test_no_sentence_is_said_twice_across_the_readme_and_the_docs():
    seen = {}
    repeated = []
    for path in DOCUMENTS:
        for sentence in sentences(path):
            if sentence in seen:
                repeated.append((seen[sentence], name(path), sentence))
            seen.setdefault(sentence, name(path))

    assert repeated == []


def test_changelog_has_a_section_per_release_and_is_linked_from_the_readme():
    changelog = (ROOT / "CHANGELOG.md").read_text()

    assert changelog.startswith("# Changelog")
    assert re.search(r"^## \[(Unreleased|\d+\.\d+\.\d+)\]( - \d{4}-\d{2}-\d{2})?$", changelog, re.M)
    assert re.search(r"^### (Added|Changed|Deprecated|Removed|Fixed|Security)$", changelog, re.M)
    assert "(CHANGELOG.md)" in README.read_text()
