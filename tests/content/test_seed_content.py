"""The seed's words: its own write-up of the facts, honest about what is not known.

These tests read the fixture files as they are, without a database; the loading of
the same files is pinned in tests/models/test_seed_fixtures.py.
"""

import datetime
import re

import pytest

from tests.content import texts

MEASURES = [row["fields"] for row in texts.fixture("measures")]
FACTS = {measure["key"]: measure for measure in texts.facts()["measures"]}


def test_no_public_text_shares_a_run_of_eight_words_with_the_facts():
    shared = [
        f"{where}: {' '.join(run)}"
        for where, text in texts.public_texts()
        for run in sorted(texts.shared_runs(text))
    ]

    assert shared == []


def test_the_checker_finds_a_run_copied_from_the_facts():
    copied = FACTS["severi-remote-home-care"]["facts"][0]

    assert texts.shared_runs(f"In short: {copied}")
    assert not texts.shared_runs("A remote care unit adds video visits to home care.")


def test_no_public_text_talks_about_sources_articles_or_news():
    talk = [
        f"{where}: {phrase}" for where, text in texts.prose() for phrase in texts.source_talk(text)
    ]

    assert talk == []


@pytest.mark.parametrize(
    "sentence",
    [
        "According to a Next2Met news item, the hub opened in 2021.",
        "The year Neàpolis opened is not given in the sources.",
        "Päijät-Häme's results article names the museum.",
        "Laut Quelle wurde das Zentrum 2021 eröffnet.",
    ],
)
def test_the_checker_finds_talk_about_sources(sentence):
    assert texts.source_talk(sentence)


def test_every_measure_has_a_documentation_level_and_the_thin_facts_are_thinly_documented():
    levels = {measure["slug"]: measure["documentation_level"] for measure in MEASURES}

    assert set(levels.values()) == {"well", "partly", "thinly"}
    low = {key for key, fact in FACTS.items() if fact.get("confidence") == "low"}
    assert {slug for slug, level in levels.items() if level == "thinly"} == low


def test_every_measure_says_what_another_region_would_need_not_where_it_was_presented():
    for measure in MEASURES:
        transfer = measure["transfer_potential"]
        assert transfer.strip(), measure["slug"]
        assert not re.match(r"(\w+ )*presented", transfer), measure["slug"]


def test_a_summary_says_what_the_measure_is_and_for_whom_in_two_sentences():
    for measure in MEASURES:
        sentences = [part for part in re.split(r"(?<=[.!?])\s+", measure["summary"]) if part]
        assert len(sentences) == 2, measure["slug"]


def test_seed_last_verified_is_the_newest_source_day_or_empty_never_the_load_day():
    verified = {
        measure["slug"]: measure["last_verified"]
        for measure in MEASURES
        if measure["last_verified"]
    }

    # The one measure whose newest source carries its day: the association's notice.
    assert verified == {"ipodlaskie-rural-e-services": "2023-12-13"}
    assert "2023/12/13" in " ".join(FACTS["ipodlaskie-rural-e-services"]["sources"])
    published = {datetime.date.fromisoformat(m["published_at"][:10]) for m in MEASURES}
    assert not {datetime.date.fromisoformat(day) for day in verified.values()} & published


def test_every_lineage_row_rests_on_a_fact_that_says_adapted_transferred_or_inspired():
    evidence = {
        (link["measure"], link["origin"], link["kind"]): link
        for link in texts.fixture("lineage_evidence")["links"]
    }

    for row in texts.fixture("lineage"):
        fields = row["fields"]
        origin = fields["origin"][0] if fields["origin"] else fields["origin_name"]
        key = (fields["measure"][0], origin, fields["kind"])
        assert key in evidence, key
        quoted = evidence[key]["fact"]
        fact = FACTS[evidence[key]["fact_of"]]
        assert any(quoted in text for text in [*fact["facts"], fact["next2met_link"]]), key
        assert re.search(r"\b(adapt|transferr|inspir)", quoted, re.IGNORECASE), key


TRANSLATED = ("description", "problem", "resources", "evidence", "difficulties")
TRANSLATED += ("transfer_potential", "information_note")


def translations(model, language):
    return {
        row["fields"][model.split("translation")[0].split(".")[1]][0]: row["fields"]
        for row in texts.fixture("translations")
        if row["model"] == model and row["fields"]["language"] == language
    }


def test_every_measure_has_its_german_title_summary_and_every_section_it_has_in_english():
    german = translations("measures.measuretranslation", "de")

    for measure in MEASURES:
        slug = measure["slug"]
        assert slug in german, slug
        text = german[slug]
        assert text["title"].strip(), slug
        assert text["summary"].strip(), slug
        for field in TRANSLATED:
            assert bool(text[field].strip()) == bool(measure[field].strip()), (slug, field)


def test_every_region_and_theme_has_a_german_description():
    regions = translations("measures.regiontranslation", "de")
    themes = translations("measures.categorytranslation", "de")

    assert set(regions) == {row["fields"]["slug"] for row in texts.fixture("regions")}
    assert set(themes) == {row["fields"]["slug"] for row in texts.fixture("themes")}
    assert all(row["description"].strip() for row in [*regions.values(), *themes.values()])


def test_german_texts_use_german_place_names_and_the_partnerships_term():
    german = " ".join(
        value
        for name in ("translations", "part_translations")
        for row in texts.fixture(name)
        if row["fields"]["language"] == "de"
        for value in row["fields"].values()
        if isinstance(value, str)
    )

    for english, german_name in (
        ("Vienna", "Wien"),
        ("Warsaw", "Warschau"),
        ("Szczecin", "Stettin"),
    ):
        assert english not in german
        assert german_name in german
    assert "sanfte" not in german


# Each partner region's own language, for the full text of its own measures.
OWN_LANGUAGE = {"fi": "paijat-hame", "pl": "podlaskie", "es": "barcelona-province"}


@pytest.mark.parametrize("language", sorted(OWN_LANGUAGE))
def test_every_measure_has_a_title_and_summary_in_finnish_polish_and_spanish(language):
    written = translations("measures.measuretranslation", language)

    for measure in MEASURES:
        assert written[measure["slug"]]["title"].strip(), measure["slug"]
        assert written[measure["slug"]]["summary"].strip(), measure["slug"]


@pytest.mark.parametrize("language", sorted(OWN_LANGUAGE))
def test_a_regions_own_measures_are_written_in_full_in_its_language(language):
    written = translations("measures.measuretranslation", language)
    own = [m for m in MEASURES if m["region"][0] == OWN_LANGUAGE[language]]

    assert own
    for measure in own:
        for field in TRANSLATED:
            assert bool(written[measure["slug"]][field].strip()) == bool(measure[field].strip()), (
                measure["slug"],
                field,
            )


# The translations of partners, result indicators and further links (part_translations),
# each keyed by its parent's natural key: a partner's slug, an indicator's (name, measure),
# a link's (url, measure).
PARTS = {
    "partners.partnertranslation": "partner",
    "measures.indicatortranslation": "indicator",
    "measures.measurelinktranslation": "link",
}
PARTNERS = [row["fields"] for row in texts.fixture("partners")]
INDICATORS = [row["fields"] for row in texts.fixture("indicators")]
LINKS = [row["fields"] for row in texts.fixture("measure_links")]
REGION_OF = {measure["slug"]: measure["region"][0] for measure in MEASURES}


def part_translations(model, language):
    parent = PARTS[model]
    return {
        tuple(row["fields"][parent]): row["fields"]
        for row in texts.fixture("part_translations")
        if row["model"] == model and row["fields"]["language"] == language
    }


def test_every_partner_has_its_german_name_and_description():
    german = part_translations("partners.partnertranslation", "de")

    assert set(german) == {(partner["slug"],) for partner in PARTNERS}
    for partner in PARTNERS:
        text = german[(partner["slug"],)]
        assert text["name"].strip(), partner["slug"]
        assert text["description"].strip(), partner["slug"]
        assert text["description"] != partner["description"], partner["slug"]


def test_every_result_indicator_has_its_german_name_and_unit():
    german = part_translations("measures.indicatortranslation", "de")

    assert set(german) == {(row["name"], row["measure"][0]) for row in INDICATORS}
    for indicator in INDICATORS:
        text = german[(indicator["name"], indicator["measure"][0])]
        assert text["name"].strip(), indicator["name"]
        assert text["name"] != indicator["name"], indicator["name"]
        assert bool(text["unit"].strip()) == bool(indicator["unit"].strip()), indicator["name"]


def test_every_further_link_has_its_german_text():
    german = part_translations("measures.measurelinktranslation", "de")

    assert set(german) == {(row["url"], row["measure"][0]) for row in LINKS}
    for link in LINKS:
        # A title of names only ("Smart Lahti: CitiCAP") stays as it is.
        assert german[(link["url"], link["measure"][0])]["title"].strip(), link["url"]


# A link's title says the language of its page when it is not the reader's.
PAGE_LANGUAGES = {
    "German": "",
    "Finnish": "(auf Finnisch)",
    "Catalan": "(auf Katalanisch)",
    "Spanish": "(auf Spanisch)",
    "Polish": "(auf Polnisch)",
}


def test_a_german_link_text_says_the_pages_language_in_german_and_not_when_it_is_german():
    german = part_translations("measures.measurelinktranslation", "de")

    for link in LINKS:
        text = german[(link["url"], link["measure"][0])]["title"]
        assert not re.search(r"\((?:German|Finnish|Catalan|Spanish|Polish)\b", text), text
        assert "Deutsch" not in text, text
        for english, said in PAGE_LANGUAGES.items():
            if link["title"].endswith(f"({english})"):
                assert text.endswith(said), text


@pytest.mark.parametrize("language", sorted(OWN_LANGUAGE))
def test_a_regions_partner_has_its_name_and_description_in_the_regions_language(language):
    written = part_translations("partners.partnertranslation", language)
    own = {m["partner"][0] for m in MEASURES if m["region"][0] == OWN_LANGUAGE[language]}

    assert own
    for slug in own:
        assert written[(slug,)]["name"].strip(), slug
        assert written[(slug,)]["description"].strip(), slug


@pytest.mark.parametrize("language", sorted(OWN_LANGUAGE))
def test_a_regions_own_indicators_and_links_are_written_in_its_language(language):
    indicators = part_translations("measures.indicatortranslation", language)
    links = part_translations("measures.measurelinktranslation", language)
    region = OWN_LANGUAGE[language]
    own_indicators = [row for row in INDICATORS if REGION_OF[row["measure"][0]] == region]
    own_links = [row for row in LINKS if REGION_OF[row["measure"][0]] == region]

    assert own_indicators
    assert own_links
    for indicator in own_indicators:
        text = indicators[(indicator["name"], indicator["measure"][0])]
        assert text["name"].strip(), indicator["name"]
        assert bool(text["unit"].strip()) == bool(indicator["unit"].strip()), indicator["name"]
    for link in own_links:
        assert links[(link["url"], link["measure"][0])]["title"].strip(), link["url"]


@pytest.mark.parametrize("model", sorted(PARTS))
def test_the_wording_checks_read_the_partners_indicators_and_links_in_every_language(model):
    checked = {
        where.split("/")[2].split(":")[0] for where, _ in texts.public_texts() if model in where
    }

    assert checked == {"de", *OWN_LANGUAGE}
