"""How search reads words: the same for a measure's texts and for the visitor's query."""

import pytest

from measures.search.normalize import normalize, stem, words
from measures.search.parse import Term, parse


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Päijät-Häme", " paijat hame "),
        ("NEÀPOLIS, Vilanova i la Geltrú", " neapolis vilanova i la geltru "),
        ("Białystok, Straße, Ærø", " bialystok strasse aero "),
        ("Smarte.Land.Regionen", " smarte land regionen "),
        ("", " "),
    ],
)
def test_case_accents_and_punctuation_never_matter(text, expected):
    assert normalize(text) == expected


@pytest.mark.parametrize(
    ("variants", "form"),
    [
        (["fibre", "fiber", "Fiber"], "fibre"),
        (["coworking", "co-working", "co working", "Co-Working"], "coworking"),
        (["ehealth", "e-health", "e health", "eHealth", "E‑Health"], "ehealth"),
        (["wifi", "Wi-Fi", "wi fi", "WiFi"], "wifi"),
        (["digitalisation", "digitalization"], "digitalisation"),
        (["organised", "organized"], "organised"),
        (["analyse", "analyze"], "analyse"),
        (["programme", "program"], "programme"),
        (["startups", "start-ups", "start ups"], "startups"),
        (["telecare", "tele-care", "tele care"], "telecare"),
    ],
)
def test_spelling_variants_are_one_word(variants, form):
    assert {tuple(words(variant)) for variant in variants} == {(form,)}


@pytest.mark.parametrize("text", ["size", "prize", "citizen", "Co. Longford", "vitamin e"])
def test_words_that_only_look_like_variants_stay_as_they_are(text):
    assert words(text) == text.lower().replace(".", "").split()


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("works", "work"),
        ("working", "work"),
        ("strategies", "strateg"),
        ("strategy", "strateg"),
        ("hubs", "hub"),
        ("consultations", "consult"),
        ("care", "care"),
        ("bus", "bus"),
    ],
)
def test_a_stem_is_what_the_forms_of_a_word_begin_with(word, expected):
    assert stem(word) == expected


def test_a_query_reads_phrases_exclusions_and_or():
    query = parse('home care -video "market towns" coworking or Paijat-Hame')

    assert query.groups == (
        (Term(("home",)),),
        (Term(("care",)),),
        (Term(("video",), negated=True),),
        (Term(("market", "towns")),),
        (Term(("coworking",)), Term(("paijat", "hame"))),
    )
    assert query.has_operators
    assert query.words == ["home", "care", "market", "towns", "coworking", "paijat", "hame"]


def test_a_query_of_plain_words_has_no_operators():
    query = parse("Paijat-Hame e health broadband")

    assert [term.words for term in query.terms] == [
        ("paijat", "hame"),
        ("ehealth",),
        ("broadband",),
    ]
    assert not query.has_operators


def test_a_query_holds_at_most_eight_words():
    assert len(parse(" ".join(f"word{n}" for n in range(20))).words) == 8
