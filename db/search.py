"""Text folding for search: what goes into the FTS index and what a user may type.

SQLite's FTS5 ``unicode61 remove_diacritics 2`` tokenizer folds tone marks and
most diacritics ("Trà Cú" -> "tra cu") but not "đ", which Unicode does not
decompose: "Đông Yên" is indexed as "đong yen", so "Dong Yen" would miss it.
Two things bridge the gap. ``fts_query`` (the search canned query) and
``escape_fts`` (Datasette's table search box, through the plugin) turn every
word or phrase with a d or đ into the OR of its d/đ spellings. For queries we
do not build (Datasette without the plugin, other SQLite clients), the
``search_text`` column holds each word of the document that has a đ, folded to
d (``search_words``), so single words typed without đ still match; the text
itself is not indexed a second time.

These helpers are pure and registered as SQL functions by the Datasette plugin
(``db/plugins/ntm_sql.py``) and by ``db.store.open_db``.
"""
from __future__ import annotations

import unicodedata
from typing import Optional

import regex

__all__ = ["fold_d", "fold", "fts_query", "search_words", "escape_fts", "SQL_FUNCTIONS",
           "register_functions"]

_D = str.maketrans({"đ": "d", "Đ": "D"})

# FTS5's unicode61 treats letters, digits and private-use characters as token
# characters and everything else (including "_", "/" and "-") as a separator:
# "321/QĐ-TTg" is the three tokens 321, qđ, ttg.
_TOKEN = regex.compile(r"[\p{L}\p{N}\p{M}\p{Co}]+")
_PHRASE = regex.compile(r'"([^"]*)"')


def fold_d(text: Optional[str]) -> Optional[str]:
    """Replace đ/Đ with d/D, leaving every other character alone.

    >>> fold_d("Đông Yên, 321/QĐ-TTg")
    'Dông Yên, 321/QD-TTg'
    """
    if text is None:
        return None
    return text.translate(_D)


def fold(text: Optional[str]) -> Optional[str]:
    """Lower-case, strip every diacritic, fold đ and collapse spaces (for name matching).

    >>> fold("  Trà  Cú ")
    'tra cu'
    >>> fold("Hoà") == fold("Hòa") == fold("hoa")
    True
    >>> fold("Đông Yên")
    'dong yen'
    """
    if text is None:
        return None
    decomposed = unicodedata.normalize("NFD", fold_d(text))
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(bare.lower().split())


def _tokens(text: str) -> list[str]:
    return _TOKEN.findall(unicodedata.normalize("NFC", text))


# FTS columns that hold the real text; ``search_text`` only backs Datasette's search box.
TEXT_COLUMNS = "{title text}"
# A phrase (or word) with more d/đ letters than this is not expanded into its 2**n
# spellings: it is matched in pieces (see ``_phrase_parts``).
MAX_D = 5
_DS = frozenset("dDđĐ")


def _spellings(phrase: str) -> list[str]:
    """Every spelling of ``phrase`` with each d/D/đ/Đ as either d or đ (case kept).

    >>> _spellings("Đông Yên")
    ['Dông Yên', 'Đông Yên']
    """
    out = [""]
    for c in phrase:
        if c in _DS:
            plain, barred = ("d", "đ") if c in "dđ" else ("D", "Đ")
            out = [s + plain for s in out] + [s + barred for s in out]
        else:
            out = [s + c for s in out]
    return sorted(out)


def _d_count(text: str) -> int:
    return sum(c in _DS for c in text)


def _any_spelling(phrase: str) -> str:
    """The FTS5 OR of every d/đ spelling of ``phrase``, each quoted."""
    return "(" + " OR ".join(f'"{s}"' for s in _spellings(phrase)) + ")"


def _phrase_parts(words: list[str]) -> tuple[list[str], list[str]]:
    """FTS5 items for one phrase (or one word): (items for the text columns, items for any column).

    A phrase with at most ``MAX_D`` d/đ letters becomes the OR of its spellings, matched
    in the real text. A longer one is cut into consecutive pieces that each fit, ANDed
    (the pieces need not be adjacent: a few more hits, none lost); a single word over the
    limit is matched folded (đ -> d) in any column, ``search_text`` holding every word with
    a đ folded.
    """
    pieces: list[list[str]] = [[]]
    n = 0
    for w in words:
        k = _d_count(w)
        if pieces[-1] and n + k > MAX_D:
            pieces.append([])
            n = 0
        pieces[-1].append(w)
        n += k
    text_items, any_items = [], []
    for piece in pieces:
        phrase = " ".join(piece)
        k = _d_count(phrase)
        if k == 0:
            text_items.append(f'"{phrase}"')
        elif k <= MAX_D:
            text_items.append(_any_spelling(phrase))
        else:  # one word with more than MAX_D d/đ
            any_items.append(f'"{fold_d(phrase)}"')
    return text_items, any_items


def fts_query(text: Optional[str]) -> str:
    """Turn what a user typed into an FTS5 query that can never be a syntax error.

    Every token is quoted (so ``-``, ``/``, ``:``, ``*``, AND/OR/NOT and stray
    quotes lose their FTS5 meaning) and all tokens must match. Text the user put
    inside double quotes stays one phrase. Empty input gives ``'""'``, which
    matches nothing.

    "d" and "đ" are interchangeable: a word or phrase with a d/đ in it becomes the
    OR of its d/đ spellings. Terms are matched in ``title`` and ``text`` only, so
    that ``snippet()`` always shows (and highlights) the real text.

    >>> fts_query("321/QĐ-TTg")
    '{title text} : ("321" AND ("QD" OR "QĐ") AND "TTg")'
    >>> fts_query('Tra Cu "nông thôn mới" OR')
    '{title text} : ("nông thôn mới" AND "Tra" AND "Cu" AND "OR")'
    >>> fts_query('"Đông Yên"')
    '{title text} : (("Dông Yên" OR "Đông Yên"))'
    >>> fts_query('  "  ')
    '""'
    """
    if not text:
        return '""'
    text_items: list[str] = []
    any_items: list[str] = []
    groups = [_tokens(phrase) for phrase in _PHRASE.findall(text)]
    groups += [[w] for w in _tokens(_PHRASE.sub(" ", text))]
    for words in groups:
        if words:
            t, a = _phrase_parts(words)
            text_items += t
            any_items += a
    parts = []
    if text_items:
        parts.append(f"{TEXT_COLUMNS} : (" + " AND ".join(text_items) + ")")
    parts += any_items
    return " AND ".join(parts) if parts else '""'


def search_words(title: Optional[str], text: str) -> str:
    """What the ``search_text`` column holds: each distinct word with a đ, folded to d.

    A "word" is a run of non-space characters, so "321/QĐ-TTg" stays whole. With it
    in the FTS index, Datasette's own search box (which quotes what was typed and
    folds nothing) finds "Dong Yen" in a text that has "Đông Yên": FTS5 matches the
    terms of a query in any column of the row, "dong" here and "yen" in ``text``.
    Words without a đ are in ``text`` already.

    >>> search_words("Trà Cú về đích", "Xã Đông Yên theo 321/QĐ-TTg, xã Đông Yên.")
    'dích Dông 321/QD-TTg,'
    """
    words = f"{title}\n{text}".split() if title else text.split()
    found = dict.fromkeys(w for w in words if "đ" in w or "Đ" in w)
    # str.replace: str.translate with a dict is ~30x slower on non-ASCII text
    return " ".join(found).replace("đ", "d").replace("Đ", "D")


# Datasette's escape_fts (datasette.utils): whitespace-separated words, "quoted phrases" kept whole.
_DATASETTE_BITS = regex.compile(r'\s+|(".*?")')


def escape_fts(query: str) -> str:
    """Datasette's ``escape_fts`` (its table search box), with d and đ interchangeable.

    Like Datasette's, every whitespace-separated word and every quoted phrase is one
    FTS5 string, all of which must match; a word or phrase with a d or đ in it becomes
    the OR of its d/đ spellings (up to ``MAX_D`` of them; beyond, it is kept as typed,
    which ``search_text`` answers for single words). The Datasette plugin
    (db/plugins/ntm_sql.py) registers it in place of Datasette's, so that a quoted
    phrase typed without đ ("dat chuan") is found in the search box too.

    >>> escape_fts('Tra Cu "Dong Yen"')
    '"Tra" AND "Cu" AND ("Dong Yen" OR "Đong Yen")'
    >>> escape_fts('321/QĐ-TTg')
    '("321/QD-TTg" OR "321/QĐ-TTg")'
    """
    if not query:
        return '""'
    if query.count('"') % 2:
        query += '"'
    items = []
    for bit in _DATASETTE_BITS.split(query):
        if not bit or bit == '""':
            continue
        inner = bit[1:-1] if bit.startswith('"') else bit
        inner = inner.replace('"', '""')
        if 0 < _d_count(inner) <= MAX_D:
            items.append(_any_spelling(inner))
        else:
            items.append(f'"{inner}"')
    return " AND ".join(items) if items else '""'  # '""' matches nothing (Datasette's gives a syntax error)


SQL_FUNCTIONS = {"ntm_fts_query": fts_query, "ntm_fold": fold}
"""SQL name -> one-argument Python function, registered on every connection we open."""


def register_functions(conn) -> None:
    """Register ``SQL_FUNCTIONS`` on a sqlite3 connection."""
    for name, fn in SQL_FUNCTIONS.items():
        conn.create_function(name, 1, fn, deterministic=True)
