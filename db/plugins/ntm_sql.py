"""Datasette plugin: the SQL functions the canned queries use.

Loaded with ``datasette --plugins-dir db/plugins`` (see ``db.publish.serve_command``).
``ntm_fts_query(q)`` turns what a user typed into a safe FTS5 query (quoted
tokens, đ folded to d); ``ntm_fold(s)`` lower-cases and strips diacritics for
matching unit names. The functions themselves live in ``db.search``.
"""
import sys
from pathlib import Path

from datasette import hookimpl

try:
    from db.search import register_functions
except ImportError:  # served from a checkout that was not pip-installed
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
    from db.search import register_functions


@hookimpl
def prepare_connection(conn):
    register_functions(conn)
