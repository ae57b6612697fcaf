"""``make bench``: throughput of the whole path, text -> extractors -> SQLite, on one core.

Builds a corpus of news-sized articles from the project's own samples, varying
unit names and numbers so that no two articles are identical, then times
normalization, extraction and loading separately and together. Prints figures;
asserts nothing (targets live in the README and the issue tracker).
"""
from __future__ import annotations

import argparse
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

import regex

SAMPLES = Path(__file__).resolve().parent.parent / "corpus" / "samples"
NAMES = ["Tân Hòa", "Long Sơn", "Phú Lộc", "Mỹ Hưng", "Bình Thạnh", "Hòa Lợi", "Vĩnh Phú", "Đông Xuyên",
         "Thạnh Mỹ", "An Phú", "Tam Hiệp", "Quang Trung", "Hưng Đạo", "Yên Lạc", "Cẩm Sơn", "Nghĩa Hòa"]


def _cut(text: str, size: int) -> str:
    """``text`` cut to at most ``size`` bytes of UTF-8, at a whitespace where there is one."""
    data = text.encode("utf-8")
    if len(data) <= size:
        return text
    cut = data[:size].decode("utf-8", "ignore")
    ws = max(cut.rfind(" "), cut.rfind("\n"))
    return cut[:ws] if ws > size // 2 else cut


def build_corpus(n: int, seed: int = 7, size: int = 4000) -> list[str]:
    """``n`` articles of about ``size`` bytes of UTF-8, varied from the sample corpus."""
    from corpus.readers import read_file

    rng = random.Random(seed)
    bases = []
    for p in sorted(SAMPLES.iterdir()):
        try:
            bases.append(read_file(p).text)
        except Exception:  # an encoding sample the reader rejects is no base for a benchmark
            continue
    out = []
    for i in range(n):
        text = bases[i % len(bases)]
        while len(text.encode("utf-8")) < size:
            text += "\n\n" + bases[rng.randrange(len(bases))]
        text = text[:size]  # characters >= bytes: keeps enough to vary, then cut to bytes below
        # vary numbers "a/b" (keeping a <= b) and unit names
        text = regex.sub(r"(?<!\d)(\d{1,2})/(\d{1,2})(?!\d)",
                         lambda m: f"{rng.randint(0, int(m.group(2)))}/{m.group(2)}", text)
        text = regex.sub(r"(?<=(?:xã|huyện) )\p{Lu}\p{Ll}+ \p{Lu}\p{Ll}+", lambda m: rng.choice(NAMES), text)
        out.append(_cut(f"Bản tin số {i}\n\n{text}", size))
    return out


def _timed(owner, attr: str, acc: dict, key: str) -> None:
    """Wrap ``owner.attr`` so that the seconds spent in it add up in ``acc[key]``."""
    fn = getattr(owner, attr)

    def wrapper(*a, **kw):
        t = time.perf_counter()
        try:
            return fn(*a, **kw)
        finally:
            acc[key] += time.perf_counter() - t
            acc[key + "_calls"] += 1

    setattr(owner, attr, wrapper)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("-n", type=int, default=3000, help="number of articles (default 3000)")
    args = ap.parse_args(argv)

    from db.store import Batch, open_db, store_document
    from extractors import extract, registry
    from extractors.gazetteer import Gazetteer
    from extractors.officials import NER_STATS
    from pipeline.document import make_document

    texts = build_corpus(args.n)
    n = len(texts)
    mb = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    print(f"corpus: {n} articles, {mb:.1f} MB, mean {mb * 1e6 / n / 1000:.2f} KB (UTF-8)", file=sys.stderr)

    # warm-up outside the timings: the register, the lexicons and the compiled patterns load once per process
    Gazetteer.default()
    registry()
    extract(make_document("warmup.txt", texts[0]))
    for k in NER_STATS:
        NER_STATS[k] = 0
    gaz = {"resolve": 0.0, "resolve_calls": 0, "infer_province": 0.0, "infer_province_calls": 0,
           "scan": 0.0, "scan_calls": 0}
    for name in ("resolve", "infer_province", "scan"):
        _timed(Gazetteer, name, gaz, name)
    import db.store as store_mod

    load = {"rows": 0.0, "rows_calls": 0, "document_row": 0.0, "document_row_calls": 0}
    _timed(store_mod, "_fact_rows", load, "rows")
    _timed(store_mod, "_document_row", load, "document_row")

    t0 = time.perf_counter()
    docs = [make_document(f"bench/{i}.txt", t) for i, t in enumerate(texts)]
    for d in docs:
        d.sentences  # noqa: B018  (split once, as the pipeline does)
    t1 = time.perf_counter()
    results = [extract(d) for d in docs]
    t2 = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        db = open_db(Path(tmp) / "bench.db")
        with Batch(db, 100) as batch:
            for d, facts in zip(docs, results):
                store_document(db, d, facts)
                batch.tick()
        t3 = time.perf_counter()
        db.conn.close()
    nfacts = sum(len(v) for r in results for v in r.values())
    nsent = sum(len(d.sentences) for d in docs)
    total = t3 - t0
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    def line(label: str, secs: float) -> str:
        return f"{label:<17}{n / secs:8.0f} articles/s  {mb / secs:6.2f} MB/s  ({secs * 1e3 / n:.3f} ms/article)"

    print(line("normalize+split:", t1 - t0))
    print(line("extract (all):", t2 - t1))
    print(line("load SQLite:", t3 - t2))
    print(line("end to end:", total) + "  one core")
    print(f"facts: {nfacts} ({nfacts / n:.1f} per article)")
    print(f"sentences: {nsent} ({nsent / n:.1f} per article); officials examined {NER_STATS['sentences']}, "
          f"with a title head {NER_STATS.get('title_sentences', 0)}, "
          f"NER calls {NER_STATS['ner_calls']} "
          f"({100 * NER_STATS['ner_calls'] / max(1, NER_STATS['sentences']):.2f}% of sentences examined)")
    print(f"gazetteer: resolve {gaz['resolve_calls']} calls {gaz['resolve'] * 1e3 / n:.3f} ms/article, "
          f"infer_province {gaz['infer_province_calls']} calls {gaz['infer_province'] * 1e3 / n:.3f} ms/article, "
          f"scan {gaz['scan_calls']} calls {gaz['scan'] * 1e3 / n:.3f} ms/article "
          f"({100 * (gaz['resolve'] + gaz['infer_province'] + gaz['scan']) / (t2 - t1):.1f}% of extract)")
    py_load = load["rows"] + load["document_row"]
    print(f"load split: Python rows {py_load * 1e3 / n:.3f} ms/article, "
          f"SQLite (inserts, indexes, FTS, commits) {(t3 - t2 - py_load) * 1e3 / n:.3f} ms/article")
    print(f"peak RSS: {rss:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
