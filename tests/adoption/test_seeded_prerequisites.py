"""The seeded prerequisites (fixtures/prerequisites.json): each from the facts, in our words."""

import json
from collections import Counter

from measures.models import MAX_PREREQUISITES, PrerequisiteKind
from tests.content import texts

ROWS = [row["fields"] for row in texts.fixture("prerequisites")]
MEASURES = {row["fields"]["slug"] for row in texts.fixture("measures")}
FACTS = {m["key"] for m in json.loads(texts.FACTS.read_text(encoding="utf-8"))["measures"]}


def test_the_seed_holds_62_prerequisites_of_26_measures():
    assert len(ROWS) == 62
    assert len({row["measure"][0] for row in ROWS}) == 26


def test_every_prerequisite_belongs_to_a_seeded_measure_with_facts():
    for row in ROWS:
        assert row["measure"][0] in MEASURES
        assert row["measure"][0] in FACTS


def test_kinds_are_known_and_no_measure_repeats_a_condition_or_has_too_many():
    assert {row["kind"] for row in ROWS} <= set(PrerequisiteKind.values)
    pairs = Counter((row["measure"][0], row["condition"]) for row in ROWS)
    assert max(pairs.values()) == 1
    per_measure = Counter(row["measure"][0] for row in ROWS)
    assert max(per_measure.values()) <= MAX_PREREQUISITES


def test_each_prerequisite_says_why_it_matters_in_our_own_words():
    for row in ROWS:
        assert row["reason"].strip()
        for text in (row["condition"], row["reason"]):
            assert not texts.shared_runs(text), text
            assert not texts.source_talk(text), text
