"""Hypothesis strategies for hostile input: odd text, numbers, long values and raw bytes."""

from urllib.parse import quote_from_bytes, urlencode

from hypothesis import strategies as st

# Values people (and robots) really send: empty, signs, floats, words of the site's
# own vocabulary in the wrong place, markup, SQL, escapes, emoji, control characters.
SPECIAL = [
    "",
    " ",
    "0",
    "-0",
    "-1",
    "00001",
    "1.5",
    "1e9",
    "NaN",
    "inf",
    "-inf",
    "None",
    "null",
    "true",
    "[]",
    "{}",
    "last",
    "first",
    "relevance",
    "newest",
    "title",
    "-title",
    "region",
    "?",
    "&",
    "=",
    "%",
    "%00",
    "\x00",
    "a\x00b",
    "\r\n",
    "\t",
    "\ufeff",
    "\u202e",
    "🙂",
    "Päijät-Häme",
    "<script>alert(1)</script>",
    "' OR 1=1 --",
    '"; DROP TABLE measures_measure; --',
    "../../etc/passwd",
    "{{ 7*7 }}",
    "${jndi:ldap://x}",
    "paijat-hame",
    "e-health-care",
    "FI",
    "XX",
    "2019",
    "1800",
    "99999",
]

numbers = st.one_of(
    st.integers(min_value=-(10**40), max_value=10**40),
    st.integers(min_value=-3, max_value=300),
).map(str)

# Long values: a character repeated, up to 20,000 times (cheap to make, costly to mishandle).
# (Surrogates are left out: no client can encode them, so no server receives them.)
long_text = st.builds(
    lambda char, count: char * count,
    st.characters(exclude_categories=["Cs"]),
    st.integers(500, 20000),
)

# Any Unicode text Hypothesis can make (control characters and NUL included).
any_text = st.text(max_size=60)

values = st.one_of(st.sampled_from(SPECIAL), numbers, any_text, long_text)


def keys(known):
    """The parameters a page knows, the ones it does not, and random text."""
    return st.one_of(st.sampled_from(known), st.text(max_size=20))


def query_pairs(known, max_size=10):
    """Key/value pairs, repeated keys allowed, in the order they are sent."""
    return st.lists(st.tuples(keys(known), values), max_size=max_size)


def encoded(pairs):
    return urlencode(pairs)


# A query string of raw bytes: percent escapes of anything, invalid UTF-8 included.
raw_query = st.lists(
    st.tuples(st.binary(max_size=30), st.binary(max_size=60)), min_size=1, max_size=6
).map(lambda pairs: "&".join(f"{quote_from_bytes(k)}={quote_from_bytes(v)}" for k, v in pairs))
