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


class _Clock:
    """Wall and CPU seconds since the last ``lap()``."""

    def __init__(self):
        self.wall, self.cpu = time.perf_counter(), time.process_time()

    def lap(self) -> tuple[float, float]:
        wall, cpu = time.perf_counter(), time.process_time()
        out = (wall - self.wall, cpu - self.cpu)
        self.wall, self.cpu = wall, cpu
        return out


def _round(texts: list[str], tag: str, counters: dict) -> dict:
    """One pass of the whole path over ``texts``: stage -> (wall, cpu) seconds, plus counts."""
    from db.store import Batch, open_db, store_document
    from extractors import extract
    from pipeline.document import make_document

    for acc in counters.values():
        for k in acc:
            acc[k] = 0
    out: dict = {}
    clock = _Clock()
    docs = [make_document(f"bench/{tag}/{i}.txt", t) for i, t in enumerate(texts)]
    for d in docs:
        d.sentences  # noqa: B018  (split once, as the pipeline does)
    out["normalize"] = clock.lap()
    results = [extract(d) for d in docs]
    out["extract"] = clock.lap()
    with tempfile.TemporaryDirectory() as tmp:
        db = open_db(Path(tmp) / "bench.db")
        with Batch(db, 100) as batch:
            for d, facts in zip(docs, results):
                store_document(db, d, facts)
                batch.tick()
        out["load"] = clock.lap()
        db.conn.close()
    out["total"] = tuple(sum(out[k][i] for k in ("normalize", "extract", "load")) for i in (0, 1))
    out["facts"] = sum(len(v) for r in results for v in r.values())
    out["sentences"] = sum(len(d.sentences) for d in docs)
    out["counters"] = {name: dict(acc) for name, acc in counters.items()}
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("-n", type=int, default=3000, help="number of articles (default 3000)")
    ap.add_argument("--rounds", type=int, default=3,
                    help="passes over the corpus; the fastest is reported (default 3)")
    args = ap.parse_args(argv)

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
    gaz = {"resolve": 0.0, "resolve_calls": 0, "infer_province": 0.0, "infer_province_calls": 0,
           "scan": 0.0, "scan_calls": 0}
    for name in ("resolve", "infer_province", "scan"):
        _timed(Gazetteer, name, gaz, name)
    import db.store as store_mod

    load = {"rows": 0.0, "rows_calls": 0, "document_row": 0.0, "document_row_calls": 0}
    _timed(store_mod, "_fact_rows", load, "rows")
    _timed(store_mod, "_document_row", load, "document_row")
    counters = {"ner": NER_STATS, "gazetteer": gaz, "load": load}

    # Timings on a shared machine vary from pass to pass; the fastest pass is the closest to
    # what the code costs (as timeit reports the minimum). Each pass starts from fresh
    # documents and an empty database file.
    rounds = []
    for r in range(max(1, args.rounds)):
        rounds.append(_round(texts, str(r), counters))
        print(f"pass {r + 1}: {n / rounds[-1]['total'][0]:.0f} articles/s end to end", file=sys.stderr)
    best = min(rounds, key=lambda x: x["total"][0])
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    def line(label: str, stage: str) -> str:
        wall, cpu = best[stage]
        return (f"{label:<17}{n / wall:8.0f} articles/s  {mb / wall:6.2f} MB/s  ({wall * 1e3 / n:.3f} ms/article;"
                f" CPU {cpu * 1e3 / n:.3f} ms)")

    print(f"fastest of {len(rounds)} passes (end to end, all passes: "
          + ", ".join(f"{n / x['total'][0]:.0f}" for x in rounds) + " articles/s)")
    print(line("normalize+split:", "normalize"))
    print(line("extract (all):", "extract"))
    print(line("load SQLite:", "load"))
    print(line("end to end:", "total") + "  one core")
    ner, gz, ld = (best["counters"][k] for k in ("ner", "gazetteer", "load"))
    extract_wall = best["extract"][0]
    print(f"facts: {best['facts']} ({best['facts'] / n:.1f} per article)")
    print(f"sentences: {best['sentences']} ({best['sentences'] / n:.1f} per article); officials examined "
          f"{ner['sentences']}, with a title head {ner.get('title_sentences', 0)}, "
          f"NER calls {ner['ner_calls']} "
          f"({100 * ner['ner_calls'] / max(1, ner['sentences']):.2f}% of sentences examined)")
    print(f"gazetteer: resolve {gz['resolve_calls']} calls {gz['resolve'] * 1e3 / n:.3f} ms/article, "
          f"infer_province {gz['infer_province_calls']} calls {gz['infer_province'] * 1e3 / n:.3f} ms/article, "
          f"scan {gz['scan_calls']} calls {gz['scan'] * 1e3 / n:.3f} ms/article "
          f"({100 * (gz['resolve'] + gz['infer_province'] + gz['scan']) / extract_wall:.1f}% of extract)")
    py_load = ld["rows"] + ld["document_row"]
    print(f"load split: Python rows {py_load * 1e3 / n:.3f} ms/article, "
          f"SQLite (inserts, indexes, FTS, commits) {(best['load'][0] - py_load) * 1e3 / n:.3f} ms/article")
    print(f"peak RSS: {rss:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
