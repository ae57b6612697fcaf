"""Datasette plugin: the SQL functions the canned queries use.

Loaded with ``datasette --plugins-dir db/plugins`` (see ``db.publish.serve_command``).
``ntm_fts_query(q)`` turns what a user typed into a safe FTS5 query (quoted
tokens, đ folded to d); ``ntm_fold(s)`` lower-cases and strips diacritics for
matching unit names. The functions themselves live in ``db.search``.

It also replaces Datasette's ``escape_fts`` (used by the table search box) with
``db.search.escape_fts``, which treats d and đ alike, so that a quoted phrase typed
without đ is found; it runs after Datasette's own hook (``trylast``) to take its place.
"""
import sys
from pathlib import Path

from datasette import hookimpl

try:
    from db.search import escape_fts, register_functions
except ImportError:  # served from a checkout that was not pip-installed
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
    from db.search import escape_fts, register_functions


@hookimpl(trylast=True)
def prepare_connection(conn):
    register_functions(conn)
    conn.create_function("escape_fts", 1, escape_fts)
