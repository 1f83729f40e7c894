"""Hypothesis strategies for hostile input: what a careless paste, a forged request or an
attacker may send to any field of any form or query string.

Values are ``str``; lone surrogates cannot be sent as UTF-8 by the test client, so requests are
encoded with ``surrogatepass`` by the sender (``conftest.Hostile``): the server sees the bytes a
broken client would send and decodes them as it would any other."""

from hypothesis import strategies as st

MARKUP = (
    '<script>alert("t52")</script>',
    '"><img src=x onerror=alert("t52")>',
    "'><svg onload=alert('t52')>",
    '<a href="javascript:alert(1)">t52</a>',
    "</textarea><script>alert('t52')</script>",
    "</title><script>alert('t52')</script>",
    "{{ 7|add:7 }}{% debug %}",  # template syntax: must be shown, never run
    "<!--",
    "]]><![CDATA[",
)
SQL = (
    "'; DROP TABLE eligibility_decision; --",
    "' OR '1'='1",
    '" OR 1=1 --',
    "1; SELECT pg_sleep(5)",
    "%' AND 1=0 UNION SELECT username, password FROM auth_user --",
    "\\'; --",
    "%_%",
)
# Cells a spreadsheet would run as formulas (OWASP's CSV injection list).
FORMULAS = (
    "=cmd|' /C calc'!A0",
    "=HYPERLINK(\"http://example.invalid\",\"x\")",
    "+1+1",
    "-2+3",
    "@SUM(1,1)",
    "\t=1+1",
    "\r=1+1",
)
NUMBERS = (
    "1e309", "-1e309", "1e-400", "NaN", "nan", "Infinity", "-Infinity", "inf", "-0", "-1", "0", "9" * 400,
    "0x1F", "1_000", "1,5", "1.5.5", "١٢٣", "²", "½", "+5", " 5 ", "5" + "\x00", "1e2", "١",
)
DATES = (
    "2026-02-30", "2025-02-29", "0000-00-00", "99999-01-01", "2025-13-01", "2025-00-10", "0001-01-01",
    "9999-12-31", "2025-1-1", "-2025-01-01", "2025-03-03T00:00:00", "03/03/2025", "2025-03-03\x00", "٢٠٢٥-٠٣-٠٣",
)
WRONG_TYPES = ("", " ", "[]", "{}", "true", "false", "null", "None", "undefined", "[object Object]", '{"a": 1}')
# Other scripts, right-to-left text, emoji sequences, combining marks, look-alikes.
SCRIPTS = (
    "محمد عبد الله", "שָׁלוֹם", "日本語の名前", "김민준", "Ελένη", "Ђорђе", "देवनागरी", "ภาษาไทย",
    "\u202eevil\u202c", "\u200f\u200e\u2066x\u2069", "👩🏽\u200d💻🇯🇵", "e\u0301\u0302\u0303\u0304" * 50,
    "Z\u0351\u0352\u0353\u0354\u0355" * 30, "\ufeffBOM", "\ufffe\uffff", "ｆｕｌｌｗｉｄｔｈ", "Ａ１２３４５６７",
)
CONTROLS = ("\x00", "a\x00b", "\x01\x02\x03", "\x07\x08\x0b\x0c", "\x1b[31mred", "\x7f", "\x85\x9f", "\r\n", "\n",
            "\t")
# JSON that Python reads but a database may not store (jsonb refuses \u0000 and NaN).
JSON = ('{"reference": "\\u0000"}', '["\\ud800"]', "NaN", "[Infinity, -Infinity]", "1e999", "[" * 5000 + "]" * 5000,
        '{"a": 1, "a": 2}', '{"__proto__": {}}', "\"\\u0000\"")
SURROGATES = ("\ud800", "a\udfffb", "\udbff\udc00x")  # lone or reversed: not UTF-8

ALL_FIXED = MARKUP + SQL + FORMULAS + NUMBERS + DATES + WRONG_TYPES + SCRIPTS + CONTROLS + SURROGATES + JSON


@st.composite
def long_text(draw):
    """10,000 to 100,000 characters: a repeated piece, so generating it costs nothing."""
    piece = draw(st.sampled_from(("a", "9", "é", "日", "<b>", "\x00", "'", "👍", "A1234567 ")))
    return piece * (draw(st.sampled_from((10_000, 50_000, 100_000))) // len(piece))


def random_text():
    """Any code points, control characters and surrogates included."""
    return st.text(st.characters(codec=None, min_codepoint=0, max_codepoint=0x10FFFF), max_size=40)


@st.composite
def mixed(draw):
    """A hostile piece around ordinary text (the piece in the middle of a plausible value)."""
    return draw(st.sampled_from(("", "Hanako ", "W30123 ", "21231"))) + draw(st.sampled_from(ALL_FIXED)) \
        + draw(st.sampled_from(("", " Sato", "99")))


def hostile_text():
    return st.one_of(st.sampled_from(ALL_FIXED), long_text(), random_text(), mixed())


def hostile_number():
    return st.one_of(st.sampled_from(NUMBERS), st.integers(min_value=-(10**30), max_value=10**30).map(str),
                     st.floats(allow_nan=True, allow_infinity=True).map(repr))


def hostile_date():
    return st.one_of(st.sampled_from(DATES), st.dates().map(lambda d: d.isoformat()),
                     st.tuples(st.integers(-1, 100_000), st.integers(-1, 99), st.integers(-1, 99))
                     .map(lambda t: f"{t[0]:04d}-{t[1]:02d}-{t[2]:02d}"))


def hostile_value():
    """Anything, for a field whose kind the test does not single out."""
    return st.one_of(hostile_text(), hostile_number(), hostile_date())


@st.composite
def tampered(draw, valid: dict, fields=None):
    """A form's valid data with some fields given hostile values, some dropped and some sent twice
    (a valid and a hostile value under one name). → a list of (name, value) pairs and the names
    made hostile."""
    names = sorted(fields or valid)
    chosen = draw(st.lists(st.sampled_from(names), min_size=1, max_size=min(4, len(names)), unique=True))
    pairs, hostile = [], {}
    for name in names:
        if name not in chosen:
            if name in valid:
                pairs.append((name, valid[name]))
            continue
        how = draw(st.sampled_from(("replace", "replace", "replace", "drop", "twice")))
        if how == "drop":
            continue
        value = draw(hostile_value())
        hostile[name] = value
        if how == "twice" and name in valid:
            pairs.append((name, valid[name]))
        pairs.append((name, value))
    return pairs, hostile
