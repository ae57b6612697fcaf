"""open_db, store_document and record_failure: schema, idempotence, atomic replacement, search."""
from __future__ import annotations

import doctest
import hashlib
import sqlite3

import pytest

import db.search
import db.search as db_search
import db.store
from db.schema import MIGRATIONS
from db.search import fts_query
from db.store import open_db, record_failure, store_document
from extractors.models import FACT_TYPES, Progress, row_columns
from pipeline.document import make_document

from db_factories import TEXT_A, TEXT_B, facts_a, progress


def sha256(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def dump(database) -> list[str]:
    return list(database.conn.iterdump())


def count(database, table, where="1", params=()) -> int:
    return database.execute(f"select count(*) from [{table}] where {where}", params).fetchone()[0]


def facts_b(doc) -> dict:
    return {"progress": [progress(doc.text, "hiện đạt 09/09 tiêu chí huyện nông thôn mới", met=9)]}


@pytest.mark.parametrize("module", [db.search, db.store], ids=lambda m: m.__name__)
def test_doctests(module):
    result = doctest.testmod(module)
    assert result.failed == 0


# --- schema -----------------------------------------------------------------


def test_empty_database_has_every_table(db, db_path):
    assert db_path.exists()
    tables = set(db.table_names())
    assert {"documents", "document_sources", "ingest_failures", "_migrations"} <= tables
    assert set(FACT_TYPES) <= tables
    assert "documents_fts" in tables
    assert sorted(db.view_names()) == ["progress_latest", "tallies_vs_official"]
    assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert db.journal_mode == "wal"
    assert [r[0] for r in db.execute("select name from _migrations order by rowid")] == list(
        MIGRATIONS
    )


def test_fact_tables_have_every_model_column_with_types(db):
    for table, cls in FACT_TYPES.items():
        cols = {c.name: c for c in db[table].columns}
        assert list(cols)[:2] == ["id", "document_id"]
        assert list(cols)[2:] == row_columns(cls)
        assert cols["id"].is_pk
        assert cols["document_id"].notnull
        for name in ("start", "end"):
            assert cols[name].type == "INTEGER"
    assert db["progress"].columns_dict["met"] is int
    assert db["progress"].columns_dict["total_implied"] is int
    assert db["tallies"].columns_dict["increment"] is int
    assert db["unmet"].columns_dict["count_units"] is int
    assert db["progress"].columns_dict["unit_name"] is str


def test_integer_values_land_in_integer_columns(db, doc_a):
    for table, facts in facts_a(doc_a).items():
        types = db[table].columns_dict
        for col, value in facts[0].to_row().items():
            if isinstance(value, int):
                assert types[col] is int, f"{table}.{col}"


def test_indexes_on_filter_columns(db):
    def indexed(table):
        return {c for i in db[table].indexes for c in i.columns}

    assert {"unit_name", "unit_province", "standard", "document_id"} <= (
        indexed("progress")
    )
    assert {"parent_name", "standard"} <= indexed("tallies")
    assert "published" in indexed("documents")
    assert "value" in indexed("dates")
    assert "number" in indexed("legal_refs")
    assert "name" in indexed("officials")


def test_open_db_is_idempotent(db_path):
    open_db(db_path).close()
    first_hash = sha256(db_path)
    database = open_db(db_path)
    schema = database.execute("select type, name, sql from sqlite_master order by name").fetchall()
    migrations = database.execute("select * from _migrations").fetchall()
    database.close()
    assert sha256(db_path) == first_hash
    database = open_db(db_path)
    assert database.execute("select type, name, sql from sqlite_master order by name").fetchall() == (
        schema
    )
    assert database.execute("select * from _migrations").fetchall() == migrations
    database.close()


def test_missing_migration_is_applied_on_open(db_path):
    database = open_db(db_path)
    database.execute("drop view progress_latest")
    database.execute("delete from _migrations where name = '0003_progress_latest'")
    database.close()
    database = open_db(db_path)
    assert "progress_latest" in database.view_names()
    database.close()


def test_column_added_to_a_model_is_added_on_open(db_path):
    database = open_db(db_path)
    database.execute("alter table progress drop column extractor")
    database.close()
    database = open_db(db_path)
    assert "extractor" in database["progress"].columns_dict
    database.close()


# --- storing ----------------------------------------------------------------


def test_store_new(db, doc_a):
    facts = facts_a(doc_a)
    assert store_document(db, doc_a, facts) == "new"
    row = db["documents"].get(doc_a.id)
    assert row["source"] == "a.txt"
    assert row["published"] == "2023-09-20"
    assert row["chars"] == len(doc_a.text)
    assert row["format"] == "txt"
    # the distinct words of title and text that have a đ, folded, in order
    assert row["search_text"] == "dích dạt Dông dạt. dịnh 321/QD-TTg"
    for table in FACT_TYPES:
        rows = list(db[table].rows)
        assert len(rows) == 1, table
        assert rows[0]["document_id"] == doc_a.id
        assert set(rows[0]) == {"id", "document_id", *row_columns(FACT_TYPES[table])}
    p = next(db["progress"].rows)
    assert (p["unit_name"], p["met"], p["total"], p["standard"], p["modality"]) == (
        "Trà Cú", 8, 9, "ntm", "reported"
    )
    assert doc_a.text[p["start"] : p["end"]] == p["quote"]
    assert count(db, "document_sources") == 1


def test_fact_ids_are_stable_and_distinct(tmp_path, doc_a):
    t = doc_a.text
    quote = "hiện đạt 08/09 tiêu chí huyện nông thôn mới"
    # Two facts from one span (one sentence naming two units) need distinct ids.
    facts = {"progress": [progress(t, quote), progress(t, quote, name="Cầu Ngang")]}
    ids = []
    for name in ("one.db", "two.db"):
        database = open_db(tmp_path / name)
        store_document(database, doc_a, facts)
        ids.append([r["id"] for r in database.query("select id from progress order by rowid")])
        database.close()
    assert ids[0] == ids[1]
    assert len(set(ids[0])) == 2


def test_unchanged_writes_nothing(db_path, doc_a):
    database = open_db(db_path)
    assert store_document(database, doc_a, facts_a(doc_a)) == "new"
    before_dump = dump(database)
    database.close()
    before = sha256(db_path)

    database = open_db(db_path)
    again = make_document("a.txt", TEXT_A, title="Trà Cú về đích", published="2023-09-20")
    assert store_document(database, again, facts_a(again)) == "unchanged"
    assert dump(database) == before_dump
    database.close()
    assert sha256(db_path) == before


def test_replaced_swaps_document_and_facts(db, doc_a, doc_b):
    store_document(db, doc_a, facts_a(doc_a))
    assert store_document(db, doc_b, facts_b(doc_b)) == "replaced"
    assert [r["id"] for r in db["documents"].rows] == [doc_b.id]
    assert [r["met"] for r in db["progress"].rows] == [9]
    for table in FACT_TYPES:
        assert count(db, table, "document_id = ?", [doc_a.id]) == 0
    assert count(db, "document_sources") == 1
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []


class Broken(Progress):
    """A fact that fails while the replacement is being written."""

    def to_row(self):
        raise RuntimeError("extractor bug")


def test_failed_replacement_keeps_old_state(db, doc_a, doc_b):
    store_document(db, doc_a, facts_a(doc_a))
    before = dump(db)
    good = progress(doc_b.text, "hiện đạt 09/09 tiêu chí huyện nông thôn mới", met=9)
    bad = Broken(evidence=good.evidence, quote=good.quote, extractor="test")
    # The good fact is inserted before the bad one raises: it must be rolled back too.
    with pytest.raises(RuntimeError, match="extractor bug"):
        store_document(db, doc_b, {"progress": [good], "tallies": [], "dates": [bad]})
    assert not db.conn.in_transaction
    assert dump(db) == before
    assert [r["id"] for r in db["documents"].rows] == [doc_a.id]
    assert [r["met"] for r in db["progress"].rows] == [8]
    # ... and the next attempt works.
    assert store_document(db, doc_b, facts_b(doc_b)) == "replaced"


def test_unknown_fact_type_is_refused(db, doc_a):
    with pytest.raises(ValueError, match="unknown fact types"):
        store_document(db, doc_a, {"progres": []})
    assert count(db, "documents") == 0


def test_same_content_under_two_sources(db, doc_a):
    store_document(db, doc_a, facts_a(doc_a))
    copy = make_document("mirror/a.html", TEXT_A, title="Trà Cú về đích")
    assert copy.id == doc_a.id
    assert store_document(db, copy, facts_a(copy)) == "unchanged"
    assert count(db, "documents") == 1
    assert count(db, "progress") == 1
    assert {r["source"] for r in db["document_sources"].rows} == {"a.txt", "mirror/a.html"}
    assert store_document(db, copy, facts_a(copy)) == "unchanged"
    assert count(db, "document_sources") == 2

    # a.txt changes: the old content stays, still held by the mirror.
    changed = make_document("a.txt", TEXT_B)
    assert store_document(db, changed, facts_b(changed)) == "replaced"
    assert count(db, "documents") == 2
    assert db["documents"].get(doc_a.id)["source"] == "mirror/a.html"
    assert count(db, "progress", "document_id = ?", [doc_a.id]) == 1
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []


def test_source_switching_to_content_already_stored(db, doc_a):
    store_document(db, doc_a, facts_a(doc_a))
    other = make_document("b.txt", TEXT_B)
    store_document(db, other, facts_b(other))
    # a.txt now holds what b.txt holds: a.txt's old document goes, b's is shared.
    switched = make_document("a.txt", TEXT_B)
    assert store_document(db, switched, facts_b(switched)) == "replaced"
    assert [r["id"] for r in db["documents"].rows] == [other.id]
    assert count(db, "progress") == 1
    assert count(db, "document_sources") == 2


# --- failures ---------------------------------------------------------------


def test_record_failure_keeps_stored_data(db, doc_a):
    store_document(db, doc_a, facts_a(doc_a))
    before = {t: count(db, t) for t in [*FACT_TYPES, "documents", "document_sources"]}
    record_failure(db, "a.txt", "cannot read file")
    record_failure(db, "a.txt", "permission denied")
    record_failure(db, "gone.txt", "no such file")
    assert {t: count(db, t) for t in before} == before
    assert db["ingest_failures"].get("a.txt")["reason"] == "permission denied"
    assert count(db, "ingest_failures") == 2
    # Stored successfully again (even unchanged): the failure is cleared.
    assert store_document(db, doc_a, facts_a(doc_a)) == "unchanged"
    assert [r["source"] for r in db["ingest_failures"].rows] == ["gone.txt"]


def test_new_document_clears_failure(db, doc_a):
    record_failure(db, "a.txt", "cannot read file")
    assert store_document(db, doc_a, facts_a(doc_a)) == "new"
    assert count(db, "ingest_failures") == 0


def test_repeated_failure_writes_nothing(db_path):
    database = open_db(db_path)
    record_failure(database, "x.pdf", "encrypted")
    database.close()
    before = sha256(db_path)
    database = open_db(db_path)
    record_failure(database, "x.pdf", "encrypted")
    database.close()
    assert sha256(db_path) == before


# --- integrity --------------------------------------------------------------


@pytest.mark.parametrize("table", list(FACT_TYPES))
def test_foreign_keys_hold(db, table):
    with pytest.raises(sqlite3.IntegrityError):
        db.execute(f"insert into [{table}] (id, document_id) values ('x', 'no-such-document')")
    with pytest.raises(sqlite3.IntegrityError):
        db.execute(f"insert into [{table}] (id) values ('y')")


def test_documents_with_facts_cannot_be_deleted_alone(db, doc_a):
    store_document(db, doc_a, facts_a(doc_a))
    with pytest.raises(sqlite3.IntegrityError):
        db.execute("delete from documents where id = ?", [doc_a.id])


# --- search -----------------------------------------------------------------


def search(database, q) -> list[str]:
    sql = (
        "select d.id from documents_fts join documents d on d.rowid = documents_fts.rowid "
        "where documents_fts match ntm_fts_query(?) order by rank"
    )
    return [r[0] for r in database.execute(sql, [q]).fetchall()]


@pytest.mark.parametrize(
    "query",
    ["Tra Cu", "Trà Cú", "trà cú", "Dong Yen", "Đông Yên", "đông yên", "DONG YEN",
     "321/QĐ-TTg", "321/QD-TTg", "Le Van Han", '"nong thon moi"', "tra cu ve dich", "Trà Cú về đích"],
)
def test_search_finds_with_or_without_diacritics(db, doc_a, query):
    store_document(db, doc_a, facts_a(doc_a))
    assert search(db, query) == [doc_a.id]


@pytest.mark.parametrize(
    "query", ["Cầu Ngang", '"thôn nông"', "", "   ", '"', "*", "-", "AND OR NOT", "a:b", "(("]
)
def test_search_odd_input_never_raises(db, doc_a, query):
    store_document(db, doc_a, facts_a(doc_a))
    assert search(db, query) == []


def test_datasette_search_box_style_queries(db, doc_a):
    """Datasette's table search quotes the raw words without folding đ."""
    from datasette.utils import escape_fts

    store_document(db, doc_a, facts_a(doc_a))
    sql = "select rowid from documents_fts where documents_fts match ?"
    for q in ["Tra Cu", "Dong Yen", "Đông Yên", "321/QĐ-TTg"]:
        assert len(db.execute(sql, [escape_fts(q)]).fetchall()) == 1, q


def test_search_follows_replacement(db, doc_a, doc_b):
    store_document(db, doc_a, facts_a(doc_a))
    store_document(db, doc_b, facts_b(doc_b))
    assert search(db, "Dong Yen") == []
    assert search(db, "ve dich 2024") == [doc_b.id]


def test_fts_query_quotes_every_token():
    assert fts_query("Huyện Trà Cú") == '{title text} : ("Huyện" AND "Trà" AND "Cú")'
    assert fts_query("a_b") == '{title text} : ("a" AND "b")'


@pytest.mark.parametrize(
    "query",
    ['"Đông Yên"', '"Dong Yen"', '"đông yên"', '"DONG YEN"', '"xa dong yen con"', '"Xã Đông Yên còn"',
     '"321/QD-TTg"', '"321/QĐ-TTg"', '"Tra Cu ve dich"', '"tiêu chí 9 chưa đạt" Đông',
     '"nông thôn mới" "dong yen"'],
)
def test_phrases_with_and_without_d(db, doc_a, query):
    store_document(db, doc_a, facts_a(doc_a))
    assert search(db, query) == [doc_a.id]


@pytest.mark.parametrize("query", ['"Yen Dong"', '"Dong Yen Tra"', '"dat chuan Dong"', '"QD 321"'])
def test_phrases_keep_word_order(db, doc_a, query):
    store_document(db, doc_a, facts_a(doc_a))
    assert search(db, query) == []


def test_long_phrase_with_many_d(db, doc_a, monkeypatch):
    """Over MAX_D d/đ letters a phrase is matched in pieces: still found, the query stays small."""
    store_document(db, doc_a, facts_a(doc_a))
    phrase = '"Xã Dong Yen con tieu chi 9 chua dat. Theo Quyet dinh so 321/QD-TTg ngay 08/3/2022"'
    monkeypatch.setattr(db_search, "MAX_D", 1)
    assert fts_query(phrase).count(" OR ") <= 4 * 1
    assert search(db, phrase) == [doc_a.id]
    assert search(db, "dddddd") == []  # a word over the limit is matched folded, in any column


def test_search_snippet_shows_the_real_text(db, doc_a):
    from db.publish import CANNED_QUERIES

    store_document(db, doc_a, facts_a(doc_a))
    sql = CANNED_QUERIES["search_documents"]["sql"]
    for q, marked in [("Dong Yen", "**Đông** **Yên**"), ('"dong yen"', "**Đông Yên**"),
                      ("321/QD-TTg", "**321**/**QĐ**-**TTg**"), ("dat", "**đạt**")]:
        rows = list(db.query(sql, {"q": q}))
        assert len(rows) == 1, q
        assert marked in rows[0]["snippet"], (q, rows[0]["snippet"])


# --- views ------------------------------------------------------------------


def test_progress_latest_takes_newest_report(db, doc_a):
    store_document(db, doc_a, facts_a(doc_a))
    newer = make_document("b.txt", TEXT_B, published="2024-05-01")
    store_document(db, newer, facts_b(newer))
    undated = make_document("c.txt", TEXT_B + " Bản tin cũ.")
    store_document(db, undated, {"progress": [progress(undated.text, "hiện đạt 09/09", met=5)]})
    rows = list(db.query("select * from progress_latest"))
    assert [(r["unit_name"], r["met"], r["published"]) for r in rows] == [
        ("Trà Cú", 9, "2024-05-01")
    ]


def test_concurrent_first_opens_apply_migrations_once(tmp_path):
    from concurrent.futures import ThreadPoolExecutor

    path = tmp_path / "race.db"

    def opener(_):
        database = open_db(path)
        names = [r[0] for r in database.execute("select name from _migrations order by rowid")]
        database.close()
        return names

    with ThreadPoolExecutor(4) as pool:
        results = list(pool.map(opener, range(4)))
    assert all(r == list(MIGRATIONS) for r in results)


def test_failing_migration_leaves_nothing_behind(tmp_path, monkeypatch):
    import db.schema

    def broken(database):
        database.execute("create table half_done (x)")
        raise RuntimeError("boom")

    monkeypatch.setitem(db.schema.MIGRATIONS, "9999_broken", broken)
    with pytest.raises(RuntimeError):
        open_db(tmp_path / "m.db")
    conn = sqlite3.connect(tmp_path / "m.db")
    assert conn.execute("select count(*) from sqlite_master where name = 'half_done'").fetchone() == (0,)
    assert "9999_broken" not in {r[0] for r in conn.execute("select name from _migrations")}
    conn.close()


# --- upgrading an old file ----------------------------------------------------


def _old_database(path, monkeypatch, docs_and_facts, before: str):
    """A file made by the schema before migration ``before``, holding documents stored then."""
    import db.schema

    names = list(MIGRATIONS)
    old = {n: MIGRATIONS[n] for n in names[: names.index(before)]}
    with monkeypatch.context() as m:
        m.setattr(db.schema, "MIGRATIONS", old)
        database = open_db(path)
        for doc, facts in docs_and_facts:
            store_document(database, doc, facts)
            # search_text as 0001-0008 stored it: title and text with đ folded (the old
            # update trigger keeps the index in step)
            title = doc.title or ""
            full = (f"{title}\n{doc.text}" if title else doc.text).replace("đ", "d").replace("Đ", "D")
            database.execute("update documents set search_text = ? where id = ?", [full, doc.id])
        database.conn.commit()
        database.close()


def test_old_file_is_upgraded(db_path, doc_a, monkeypatch):
    from datasette.utils import escape_fts

    other = make_document("b.txt", "Xã Tân Hòa đạt chuẩn nông thôn mới năm 2021.", title="Đạt chuẩn")
    _old_database(db_path, monkeypatch, [(doc_a, facts_a(doc_a)), (other, {})], "0009_search_words")
    database = open_db(db_path)
    assert list(MIGRATIONS)[-1] in {r[0] for r in database.execute("select name from _migrations")}
    assert database["documents"].get(doc_a.id)["search_text"] == "dích dạt Dông dạt. dịnh 321/QD-TTg"
    assert database["documents"].get(other.id)["search_text"] == "Dạt dạt"
    # the index holds what the rows hold
    database.execute("insert into documents_fts (documents_fts, rank) values ('integrity-check', 1)")
    assert search(database, "Dong Yen") == [doc_a.id]
    assert search(database, '"dat chuan nong thon moi"') == [other.id]
    assert sorted(search(database, "dat")) == sorted([doc_a.id, other.id])
    sql = "select rowid from documents_fts where documents_fts match ?"
    for q in ["Tra Cu", "Dong Yen", "Đông Yên", "321/QĐ-TTg", "321/QD-TTg"]:
        assert len(database.execute(sql, [escape_fts(q)]).fetchall()) == 1, q
    # the loader indexes new documents itself (0010_fts_insert_by_loader)
    triggers = {r[0] for r in database.execute("select name from sqlite_master where type = 'trigger'")}
    assert triggers == {"documents_ad", "documents_au"}
    # the upgraded file stores and replaces as a new one does
    assert store_document(database, doc_a, facts_a(doc_a)) == "unchanged"
    changed = make_document("b.txt", "Xã Tân Hòa đạt chuẩn nông thôn mới nâng cao năm 2024.")
    assert store_document(database, changed, {}) == "replaced"
    database.execute("insert into documents_fts (documents_fts, rank) values ('integrity-check', 1)")
    assert search(database, '"dat chuan nong thon moi nang cao"') == [changed.id]
    database.close()


def test_updates_outside_the_index_leave_it_alone(db, doc_a):
    store_document(db, doc_a, facts_a(doc_a))
    before = db.execute("select * from documents_fts_data").fetchall()
    db.execute("update documents set extracted_with = 'x', source = 'z.txt' where id = ?", [doc_a.id])
    assert db.execute("select * from documents_fts_data").fetchall() == before
    db.execute("update documents set title = 'Cầu Ngang' where id = ?", [doc_a.id])
    assert search(db, "Cau Ngang") == [doc_a.id]
    db.execute("insert into documents_fts (documents_fts, rank) values ('integrity-check', 1)")


# --- batches ------------------------------------------------------------------


def _docs(n, prefix="Xã Đông Yên"):
    return [make_document(f"s{i}.txt", f"{prefix} số {i} đạt 1{i}/19 tiêu chí.", title=f"Bản tin {i}")
            for i in range(n)]


def test_batch_stores_what_single_calls_store(tmp_path, doc_a, doc_b):
    from db.store import Batch

    def rows(database):  # the FTS index's own pages differ with the segments written
        return [line for line in dump(database)
                if "documents_fts_" not in line and "_migrations" not in line]

    docs = _docs(5)
    single = open_db(tmp_path / "single.db")
    for d in [doc_a, *docs, doc_b]:
        store_document(single, d, facts_a(d) if d is doc_a else {})
    batched = open_db(tmp_path / "batched.db")
    dumps = []
    for run in ([doc_a, *docs, doc_b], [*docs, doc_b]):  # the second run writes nothing
        with Batch(batched, 3) as batch:
            for d in run:  # doc_b replaces doc_a inside the open batch
                store_document(batched, d, facts_a(d) if d is doc_a else {})
                batch.tick()
        batched.execute("insert into documents_fts (documents_fts, rank) values ('integrity-check', 1)")
        assert rows(batched) == rows(single)
        dumps.append(dump(batched))
    assert dumps[0] == dumps[1]
    assert search(batched, "Dong Yen so 3") == [docs[3].id]
    assert search(batched, "Le Van Han") == []
    single.close()
    batched.close()


@pytest.mark.parametrize("error", [sqlite3.IntegrityError, KeyboardInterrupt])
def test_failure_inside_a_batch_rolls_back_the_open_batch(db, error, monkeypatch):
    from db.store import Batch

    docs = _docs(5)
    with pytest.raises(error):
        with Batch(db, 2) as batch:
            for i, d in enumerate(docs):
                if i == 3:  # fails after its document row is written, before its source
                    real = db.conn

                    class Failing:
                        def __getattr__(self, name):
                            return getattr(real, name)

                        def execute(self, sql, *args):
                            if sql.startswith("INSERT OR IGNORE INTO document_sources"):
                                raise error("boom")
                            return real.execute(sql, *args)

                        def executemany(self, sql, *args):
                            return real.executemany(sql, *args)

                    monkeypatch.setattr(db, "conn", Failing())
                try:
                    store_document(db, d, {})
                finally:
                    monkeypatch.setattr(db, "conn", real) if i == 3 else None
                batch.tick()
    # the first batch of 2 was committed; the open one (documents 2 and 3) is gone, whole
    assert [r[0] for r in db.execute("select source from documents order by source")] == ["s0.txt", "s1.txt"]
    assert count(db, "document_sources") == 2
    db.execute("insert into documents_fts (documents_fts, rank) values ('integrity-check', 1)")
    assert not db.conn.in_transaction


def test_a_rolled_back_batch_refuses_more_work(db):
    from db.store import Batch

    docs = _docs(3)
    db.execute("create trigger no_progress before insert on progress begin select raise(abort, 'no'); end")
    bad = {"progress": [progress(docs[1].text, "đạt 11/19 tiêu chí")]}
    with pytest.raises(RuntimeError, match="rolled back"):
        with Batch(db, 10) as batch:
            store_document(db, docs[0], {})
            batch.tick()
            with pytest.raises(sqlite3.IntegrityError):
                store_document(db, docs[1], bad)  # the caller goes on regardless
            with pytest.raises(RuntimeError, match="rolled back"):
                store_document(db, docs[2], {})
            batch.tick()
    assert count(db, "documents") == 0
    db.execute("insert into documents_fts (documents_fts, rank) values ('integrity-check', 1)")
    # the database is usable again, in or out of a new batch
    with Batch(db, 10) as batch:
        store_document(db, docs[0], {})
        batch.tick()
    assert store_document(db, docs[2], {}) == "new"
    assert count(db, "documents") == 2


def test_page_size_new_files_only(tmp_path, doc_a):
    from db.store import PAGE_SIZE

    database = open_db(tmp_path / "new.db")
    assert database.execute("PRAGMA page_size").fetchone()[0] == PAGE_SIZE
    database.close()
    old = sqlite3.connect(tmp_path / "old.db")
    old.execute("PRAGMA page_size = 4096")
    old.execute("create table t (x)")
    old.commit()
    old.close()
    database = open_db(tmp_path / "old.db")
    assert database.execute("PRAGMA page_size").fetchone()[0] == 4096
    assert store_document(database, doc_a, facts_a(doc_a)) == "new"
    assert search(database, "Dong Yen") == [doc_a.id]
    database.close()
