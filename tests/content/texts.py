"""The public texts of the seed fixtures, and checks of their wording against the facts.

The seed is written from `fixtures/facts/next2met-facts.json`, the sourced facts
about the partnership. Its texts are the catalogue's own write-up: they share no
run of eight words with the facts (`shared_runs()`), and they do not talk about
sources, articles or news items (`source_talk()`); what a reader needs to know
about the information goes into a measure's note "About this information".

Run as a script, it lists every shared run and every source phrase, and the
share of words of the measures' texts that sit in shared runs:

    .venv/bin/python -m tests.content.texts
"""

import json
import re
from functools import cache
from pathlib import Path

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
FACTS = FIXTURES / "facts" / "next2met-facts.json"
RUN_LENGTH = 8

# The fields people read on the site, per fixture file and model. A measure's
# title_local is its own name in its language, quoted as it is, so it is left out.
MEASURE_TEXTS = (
    "title",
    "summary",
    "description",
    "problem",
    "resources",
    "evidence",
    "difficulties",
    "transfer_potential",
    "information_note",
    "funding",
    "main_institution",
)
PUBLIC_FIELDS = {
    ("measures", "measures.measure"): MEASURE_TEXTS,
    ("translations", "measures.measuretranslation"): (
        "title",
        "summary",
        "description",
        "problem",
        "resources",
        "evidence",
        "difficulties",
        "transfer_potential",
        "information_note",
    ),
    ("translations", "measures.regiontranslation"): ("name", "description"),
    ("translations", "measures.categorytranslation"): ("name", "description"),
    ("regions", "measures.region"): ("description",),
    ("partners", "partners.partner"): ("description",),
    ("themes", "measures.category"): ("description",),
    ("lineage", "measures.lineage"): ("origin_name", "changes", "outcome"),
    ("indicators", "measures.indicator"): ("name",),
    ("measure_links", "measures.measurelink"): ("title",),
    ("part_translations", "partners.partnertranslation"): ("name", "description"),
    ("part_translations", "measures.indicatortranslation"): ("name", "unit"),
    ("part_translations", "measures.measurelinktranslation"): ("title",),
}
# The further links' titles, English and translated: they name the pages they lead to.
LINK_TITLES = (
    ("measure_links", "measures.measurelink"),
    ("part_translations", "measures.measurelinktranslation"),
)

# Talk about where the facts come from, in the languages of the site. The words
# are matched at the start of a word, case-insensitively. The titles of the further
# links name the pages they lead to ("Next2Met news: …") and are not checked, in
# English or translated (LINK_TITLES).
SOURCE_TALK = [
    # English ("open-source" software is no talk about sources)
    r"(?<!open-)sources?\b",
    r"according to",
    r"articles?\b",
    r"news",
    r"press release",
    r"not (?:stated|given|found|documented)",
    r"is (?:not|un)clear",
    r"(?:is|are) reported",
    # German
    r"quellen?\b",
    r"laut\b",
    r"artikel",
    r"meldung",
    r"nicht (?:angegeben|dokumentiert)",
    # Finnish
    r"lähte",
    r"artikkel",
    r"uutise",
    # Polish
    r"źródł",
    r"artykuł",
    r"według",
    # Spanish
    r"fuentes?\b",
    r"según",
    r"artículo",
    r"noticia",
]
SOURCE_TALK_PATTERN = re.compile(r"\b(?:" + "|".join(SOURCE_TALK) + ")", re.IGNORECASE)


# Names are quoted as they are, not paraphrased: organisations, programmes, events,
# prizes and practices whose names run to several words. Each counts as one word
# when texts are compared, so a long name is not taken for a copied phrase.
NAMES = (
    "Abteilung Wirtschaft, Tourismus und Technologie",
    "Association of Rural Communes of the Podlaskie Voivodeship",
    "Barcelona-Maresme Coast Half Marathon",
    "Catalan School of Public Administration",
    "Department of Regional Development",
    "Department of Rural and Community Development",
    "Development of e-services in Podlaskie Voivodeship – opportunities and examples",
    "Digital consultations to inform Local Digital Strategies",
    "Digital Roadmap Austria",
    "Häme University of Applied Sciences",
    "Industrial transition for a smart Europe",
    "Lahti University of Applied Sciences",
    "Ministerium für Inneres, Bau und Digitalisierung",
    "Ministry of Social Affairs and Health",
    "Ministry of Transport and Communications",
    "Mobile Phone and Broadband Taskforce",
    "North-East Poland ICT Cluster",
    "Regional Spatial and Economic Strategy",
    "Skrzydła IT w Administracji",
    "Sustainable Urban Mobility Plan",
    "University Clinical Hospital in Białystok",
    "University for Continuing Education Krems",
    "Vilanova i la Geltrú",
    "Western Development Commission",
    "Zdarzyło się jutro",
)
NAMES_INDEX = {name.lower(): n for n, name in enumerate(NAMES)}
NAME_PATTERN = re.compile(
    "|".join(re.escape(name) for name in sorted(NAMES, key=len, reverse=True)), re.IGNORECASE
)


def words(text):
    """The words of `text`, lower-cased; a number such as "5,300" and "e-services" stay one.

    Each of the NAMES counts as one word.
    """
    text = NAME_PATTERN.sub(lambda match: "name" + str(NAMES_INDEX[match.group(0).lower()]), text)
    return re.findall(r"\w+(?:[’'.,/-]\w+)*", text.lower())


def runs(text, length=RUN_LENGTH):
    """Every run of `length` consecutive words of `text`."""
    found = words(text)
    return {tuple(found[i : i + length]) for i in range(len(found) - length + 1)}


def strings(value):
    """Every string inside a JSON value."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from strings(item)


@cache
def facts():
    return json.loads(FACTS.read_text(encoding="utf-8"))


@cache
def fact_runs():
    """The runs of eight words of every text of the facts file."""
    found = set()
    for text in strings(facts()):
        found |= runs(text)
    return frozenset(found)


def fixture(name):
    return json.loads((FIXTURES / f"{name}.json").read_text(encoding="utf-8"))


def public_texts():
    """(where, text) of every public text of the seed: where = "file/model/key/field"."""
    for (name, model), fields in PUBLIC_FIELDS.items():
        for row in fixture(name):
            if row["model"] != model:
                continue
            values = row["fields"]
            key = values.get("slug") or values.get("url") or _natural_key(values)
            for field in fields:
                text = values.get(field) or ""
                if text.strip():
                    yield f"{name}/{model}/{key}/{field}", text


def _natural_key(values):
    """A readable key of a row without a slug of its own: its language and parent."""
    parts = [values.get("language", "")]
    for field in ("partner", "indicator", "link"):
        if values.get(field):
            # A partner's slug; an indicator's measure and name, a link's measure and address.
            return ":".join([*parts, *reversed(values[field])])
    for field in ("measure", "region", "category", "target_group", "origin"):
        if values.get(field):
            parts.append(values[field][0])
    parts.append(values.get("name", ""))
    return ":".join(part for part in parts if part)


def prose():
    """(where, text) of the public texts written as prose: all but the link titles."""
    titles = tuple(f"{name}/{model}/" for name, model in LINK_TITLES)
    return [(where, text) for where, text in public_texts() if not where.startswith(titles)]


def shared_runs(text):
    """The runs of eight words `text` shares with the facts file."""
    return runs(text) & fact_runs()


def source_talk(text):
    """The phrases of `text` that talk about sources, articles or news."""
    return [match.group(0) for match in SOURCE_TALK_PATTERN.finditer(text)]


def words_in_shared_runs(text):
    """How many words of `text` sit in a run of eight it shares with the facts file."""
    found = words(text)
    covered = set()
    known = fact_runs()
    for i in range(len(found) - RUN_LENGTH + 1):
        if tuple(found[i : i + RUN_LENGTH]) in known:
            covered.update(range(i, i + RUN_LENGTH))
    return len(covered), len(found)


def report():
    shared_words = total_words = 0
    for where, text in public_texts():
        for run in sorted(shared_runs(text)):
            print(f"shared  {where}: {' '.join(run)}")
    for where, text in prose():
        for phrase in source_talk(text):
            print(f"source  {where}: {phrase}")
    for where, text in public_texts():
        if where.startswith("measures/"):
            covered, count = words_in_shared_runs(text)
            shared_words += covered
            total_words += count
    share = shared_words / total_words if total_words else 0
    print(f"{shared_words} of {total_words} words of the measures sit in shared runs ({share:.0%})")


if __name__ == "__main__":
    report()
