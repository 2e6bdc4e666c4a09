"""Search of measures by words.

On PostgreSQL every measure carries a weighted search vector: its title (A),
summary (B), description and good-practice texts (C), and the names of its
region, partner and themes (D). A query is read with `websearch` syntax
("quoted phrases", -exclusions, or), the last word also matches as a prefix
(so "cowork" finds coworking while typing), results are ordered by relevance,
and a query that finds nothing gets a "did you mean" suggestion from trigram
similarity with the words of the catalogue.

On SQLite, the embedded default, every word of the query must appear in one
of the same texts; there is no ranking and no suggestion.

Both also search a measure's texts in other languages and the translated names
of its region and themes, so a German title finds its measure on any page.

`matched_fragment()` tells a visitor why a measure matched: the passage of
the first text containing a query word, with the words marked.
"""

import re

from django.db import connection
from django.db.models import Exists, F, OuterRef, Q
from django.utils.html import escape
from django.utils.safestring import mark_safe

MAX_QUERY_LENGTH = 200
MAX_WORDS = 8
FRAGMENT_LENGTH = 180
# The dictionary for the measures' prose; names are indexed without stemming.
TEXT_CONFIG = "english"
NAME_CONFIG = "simple"

TEXT_FIELDS = [
    "title",
    "title_local",
    "summary",
    "description",
    "problem",
    "resources",
    "evidence",
    "difficulties",
    "transfer_potential",
    "main_institution",
    "region__name",
    "region__name_local",
    "partner__name",
    "partner__short_name",
]
# The texts shown as "why this matched", in the order a reader would look; the
# title and summary are on every result card already.
FRAGMENT_FIELDS = [
    "description",
    "problem",
    "resources",
    "evidence",
    "difficulties",
    "transfer_potential",
]
WEBSEARCH_OPERATORS = re.compile(r'["()\-]|\bor\b', re.IGNORECASE)
WORD = re.compile(r"\w+", re.UNICODE)


def is_postgresql():
    return connection.vendor == "postgresql"


def clean_query(query):
    """The query as searched: NUL bytes removed, at most MAX_QUERY_LENGTH characters."""
    return " ".join(query.replace("\x00", " ")[:MAX_QUERY_LENGTH].split())


def search_words(query):
    """The plain words of a query: at most MAX_WORDS, operators and punctuation dropped."""
    return [word for word in WORD.findall(clean_query(query)) if word.lower() != "or"][:MAX_WORDS]


def search_measures(queryset, query):
    """Measures of `queryset` that match `query`."""
    if not search_words(query):
        return queryset
    if is_postgresql():
        return queryset.filter(search_vector=postgresql_query(clean_query(query)))
    return _search_everywhere(queryset, search_words(query))


def order_by_relevance(queryset, query):
    """Best matches first on PostgreSQL; on SQLite the order is left as it is."""
    from django.contrib.postgres.search import SearchRank

    if not (is_postgresql() and search_words(query)):
        return queryset
    rank = SearchRank(F("search_vector"), postgresql_query(clean_query(query)))
    return queryset.annotate(rank=rank).order_by("-rank", "-published_at", "-pk")


def _search_everywhere(queryset, words):
    category_model = queryset.model.categories.rel.model
    for word in words:
        in_theme = Exists(
            category_model.objects.filter(measures=OuterRef("pk"), name__icontains=word)
        )
        matches = Q()
        for field in TEXT_FIELDS:
            matches |= Q(**{f"{field}__icontains": word})
        queryset = queryset.filter(matches | in_theme | _in_translations(word))
    return queryset


def _in_translations(word):
    """Whether a measure's texts in other languages, or its region's or themes' names, hold it."""
    from measures.models import CategoryTranslation, MeasureTranslation, RegionTranslation

    texts = MeasureTranslation.objects.filter(
        Q(title__icontains=word) | Q(summary__icontains=word) | Q(description__icontains=word),
        measure=OuterRef("pk"),
    )
    region_names = RegionTranslation.objects.filter(region=OuterRef("region"), name__icontains=word)
    theme_names = CategoryTranslation.objects.filter(
        category__measures=OuterRef("pk"), name__icontains=word
    )
    return Exists(texts) | Exists(region_names) | Exists(theme_names)


def postgresql_query(query):
    """A tsquery for the visitor's text: websearch syntax, last word also as a prefix."""
    from django.contrib.postgres.search import SearchQuery

    words = search_words(query)
    if WEBSEARCH_OPERATORS.search(query) or not words:
        return SearchQuery(query, search_type="websearch", config=TEXT_CONFIG)
    # Plain words: all must match, the last one also as the beginning of a word.
    *complete, last = [word.lower() for word in words]
    exact = SearchQuery(" ".join(words), search_type="plain", config=TEXT_CONFIG)
    prefix_terms = [*complete, f"{last}:*"]
    prefix = SearchQuery(" & ".join(prefix_terms), search_type="raw", config=NAME_CONFIG)
    return exact | prefix


# Keeping the search vectors current (PostgreSQL only)


# Every string_agg has an ORDER BY, so the same rows always give the same vector
# (a reload of the seed data must change nothing).
# The texts in other languages (measures.models.translation): a translated
# title, summary and description weigh like the English ones, translated region
# and theme names like the English names. Each text is indexed twice: word by
# word (so any word of any language finds it, PostgreSQL having no Polish
# stemmer, and the last word of a query matches as a prefix) and as the English
# prose is, so the stemmed English reading of a query, which every query gets,
# matches them too (e.g. "Coworking-Räume", read with websearch syntax).
def _translated_text_vector(field, weight):
    text = (
        f"coalesce((SELECT string_agg(t.{field}, ' ' ORDER BY t.language)"
        " FROM measures_measuretranslation t WHERE t.measure_id = m.id), '')"
    )
    return (
        f" || setweight(to_tsvector('{NAME_CONFIG}', {text})"
        f" || to_tsvector('{TEXT_CONFIG}', {text}), '{weight}')"
    )


_TRANSLATED_VECTOR_SQL = (
    _translated_text_vector("title", "A")
    + _translated_text_vector("summary", "B")
    + _translated_text_vector("description", "C")
    + f"""
 || setweight(to_tsvector('{NAME_CONFIG}', concat_ws(' ',
        (SELECT string_agg(rt.name, ' ' ORDER BY rt.language) FROM measures_regiontranslation rt
          WHERE rt.region_id = m.region_id),
        (SELECT string_agg(ct.name, ' ' ORDER BY ct.language, ct.name)
           FROM measures_categorytranslation ct
           JOIN measures_measure_categories mc ON mc.category_id = ct.category_id
          WHERE mc.measure_id = m.id))), 'D')"""
)

_VECTOR_SQL = f"""
UPDATE measures_measure AS m SET search_vector =
    setweight(to_tsvector('{NAME_CONFIG}', coalesce(m.title, '') || ' ' || coalesce(m.title_local, '')), 'A')
 || setweight(to_tsvector('{TEXT_CONFIG}', coalesce(m.title, '')), 'A')
 || setweight(to_tsvector('{TEXT_CONFIG}', coalesce(m.summary, '')), 'B')
 || setweight(to_tsvector('{TEXT_CONFIG}', concat_ws(' ', m.description, m.problem, m.resources,
        m.evidence, m.difficulties, m.transfer_potential, m.main_institution, m.funding)), 'C')
 || setweight(to_tsvector('{NAME_CONFIG}', concat_ws(' ', r.name, r.name_local, p.name, p.short_name,
        (SELECT string_agg(c.name, ' ' ORDER BY c.name) FROM measures_category c
           JOIN measures_measure_categories mc ON mc.category_id = c.id
          WHERE mc.measure_id = m.id))), 'D'){_TRANSLATED_VECTOR_SQL}
FROM measures_region AS r, partners_partner AS p
WHERE r.id = m.region_id AND p.id = m.partner_id
"""  # noqa: E501


def refresh_search_vectors(measure_ids=None):
    """Recompute the search vectors of the given measures (all when None) in one statement."""
    if not is_postgresql():
        return
    with connection.cursor() as cursor:
        if measure_ids is None:
            cursor.execute(_VECTOR_SQL)
        else:
            ids = list(measure_ids)
            if ids:
                cursor.execute(_VECTOR_SQL + " AND m.id = ANY(%s)", [ids])


# "Did you mean"

MIN_SIMILARITY = 0.3


def suggest(query, queryset):
    """A corrected query when some of its words are unknown, else None (PostgreSQL only)."""
    if not is_postgresql():
        return None
    words = search_words(query)
    if not words or WEBSEARCH_OPERATORS.search(query):
        return None
    published_ids = queryset.values("pk").query
    sql, params = published_ids.sql_with_params()
    corrected, changed = [], False
    with connection.cursor() as cursor:
        for word in words:
            cursor.execute(
                f"""
                SELECT w.word FROM (
                    SELECT DISTINCT lower(t.word) AS word
                    FROM measures_measure m, regexp_split_to_table(
                        m.title || ' ' || m.summary, '[^[:alnum:]]+'
                    ) AS t(word)
                    WHERE m.id IN ({sql}) AND length(t.word) > 2
                ) AS w
                WHERE similarity(w.word, %s) > %s
                ORDER BY similarity(w.word, %s) DESC, w.word
                LIMIT 1
                """,
                [*params, word.lower(), MIN_SIMILARITY, word.lower()],
            )
            row = cursor.fetchone()
            if row and row[0] != word.lower():
                corrected.append(row[0])
                changed = True
            else:
                corrected.append(word)
    return " ".join(corrected) if changed else None


# "Why this matched"


def _stem(word):
    word = word.lower()
    return word if len(word) <= 4 else word[: max(4, len(word) - 3)]


def _word_pattern(query):
    stems = [_stem(word) for word in search_words(query)]
    if not stems:
        return None
    return re.compile(r"\b(" + "|".join(re.escape(stem) for stem in stems) + r")\w*", re.I)


def matched_fragment(measure, query):
    """Why a measure matched when its title and summary do not show it.

    (field label, marked-up passage) of the first longer text holding a query
    word, or None when the title or summary holds one, or no text does.
    """
    pattern = _word_pattern(query)
    if pattern is None or pattern.search(f"{measure.title} {measure.summary}"):
        return None
    for name in FRAGMENT_FIELDS:
        text = getattr(measure, name) or ""
        found = pattern.search(text)
        if not found:
            continue
        start = max(0, found.start() - FRAGMENT_LENGTH // 3)
        if start:
            # Begin at a word, not inside one.
            space = text.find(" ", start, found.start())
            start = space + 1 if space != -1 else found.start()
        end = min(len(text), start + FRAGMENT_LENGTH)
        if end < len(text):
            space = text.rfind(" ", found.end(), end)
            end = space if space != -1 else end
        passage = text[start:end]
        html = _mark(passage, pattern)
        prefix = "… " if start else ""
        suffix = " …" if end < len(text) else ""
        label = measure._meta.get_field(name).verbose_name
        return label, mark_safe(prefix + html + suffix)
    return None


def _mark(text, pattern):
    """Escape `text` and wrap every match of `pattern` in <mark>."""
    out, last = [], 0
    for found in pattern.finditer(text):
        out.append(escape(text[last : found.start()]))
        out.append(f"<mark>{escape(found.group(0))}</mark>")
        last = found.end()
    out.append(escape(text[last:]))
    return "".join(out)


def highlight(text, query):
    """`text` escaped, with the query's words marked; for titles in result cards."""
    stems = [_stem(word) for word in search_words(query)]
    if not stems:
        return escape(text)
    pattern = re.compile(
        r"\b(" + "|".join(re.escape(stem) for stem in stems) + r")\w*", re.IGNORECASE
    )
    return mark_safe(_mark(text, pattern))
