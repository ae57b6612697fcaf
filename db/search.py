"""Text folding for search: what goes into the FTS index and what a user may type.

SQLite's FTS5 ``unicode61 remove_diacritics 2`` tokenizer folds tone marks and
most diacritics ("Trà Cú" -> "tra cu") but not "đ", which Unicode does not
decompose: "Đông Yên" is indexed as "đong yen", so "Dong Yen" would miss it.
``fold_d`` is applied to the ``search_text`` column and to every query built by
``fts_query`` so both sides agree.

These helpers are pure and registered as SQL functions by the Datasette plugin
(``db/plugins/ntm_sql.py``) and by ``db.store.open_db``.
"""
from __future__ import annotations

import unicodedata
from typing import Optional

import regex

__all__ = ["fold_d", "fold", "fts_query", "SQL_FUNCTIONS", "register_functions"]

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
    return _TOKEN.findall(fold_d(unicodedata.normalize("NFC", text)))


def fts_query(text: Optional[str]) -> str:
    """Turn what a user typed into an FTS5 query that can never be a syntax error.

    Every token is quoted (so ``-``, ``/``, ``:``, ``*``, AND/OR/NOT and stray
    quotes lose their FTS5 meaning) and all tokens must match. Text the user put
    inside double quotes stays one phrase. Empty input gives ``'""'``, which
    matches nothing.

    >>> fts_query("321/QĐ-TTg")
    '"321" "QD" "TTg"'
    >>> fts_query('Tra Cu "nông thôn mới" OR')
    '"nông thôn mới" "Tra" "Cu" "OR"'
    >>> fts_query('  "  ')
    '""'
    """
    if not text:
        return '""'
    parts: list[str] = []
    for phrase in _PHRASE.findall(text):
        words = _tokens(phrase)
        if words:
            parts.append('"' + " ".join(words) + '"')
    rest = _PHRASE.sub(" ", text)
    parts.extend(f'"{w}"' for w in _tokens(rest))
    return " ".join(parts) if parts else '""'


SQL_FUNCTIONS = {"ntm_fts_query": fts_query, "ntm_fold": fold}
"""SQL name -> one-argument Python function, registered on every connection we open."""


def register_functions(conn) -> None:
    """Register ``SQL_FUNCTIONS`` on a sqlite3 connection."""
    for name, fn in SQL_FUNCTIONS.items():
        conn.create_function(name, 1, fn, deterministic=True)
