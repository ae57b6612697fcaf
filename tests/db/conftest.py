"""Fixtures for the database tests: a fresh file database and two versions of one source."""
from __future__ import annotations

import pytest
from db_factories import TEXT_A, TEXT_B

from db.store import open_db
from pipeline.document import make_document


@pytest.fixture
def db_path(tmp_path):
    return tmp_path / "data" / "ntm.db"


@pytest.fixture
def db(db_path):
    database = open_db(db_path)
    yield database
    database.close()


@pytest.fixture
def doc_a():
    return make_document("a.txt", TEXT_A, title="Trà Cú về đích", published="2023-09-20")


@pytest.fixture
def doc_b():
    """The same source as doc_a, with new content."""
    return make_document("a.txt", TEXT_B, title="Trà Cú đạt chuẩn", published="2024-05-01")
