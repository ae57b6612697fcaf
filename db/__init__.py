"""Schema, loading and publishing: SQLite through sqlite-utils, served by Datasette."""
from db.publish import build_metadata, serve, serve_command, write_metadata
from db.store import open_db, record_failure, store_document

__all__ = [
    "open_db",
    "store_document",
    "record_failure",
    "build_metadata",
    "write_metadata",
    "serve_command",
    "serve",
]
