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


def build_corpus(n: int, seed: int = 7, size: int = 4000) -> list[str]:
    """``n`` articles of about ``size`` characters, varied from the sample corpus."""
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
        while len(text) < size:
            text += "\n\n" + bases[rng.randrange(len(bases))]
        text = text[:size]
        # vary numbers "a/b" (keeping a <= b) and unit names
        text = regex.sub(r"(?<!\d)(\d{1,2})/(\d{1,2})(?!\d)",
                         lambda m: f"{rng.randint(0, int(m.group(2)))}/{m.group(2)}", text)
        text = regex.sub(r"(?<=(?:xã|huyện) )\p{Lu}\p{Ll}+ \p{Lu}\p{Ll}+", lambda m: rng.choice(NAMES), text)
        out.append(f"Bản tin số {i}\n\n{text}")
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("-n", type=int, default=3000, help="number of articles (default 3000)")
    args = ap.parse_args(argv)

    from db.store import Batch, open_db, store_document
    from extractors import extract
    from pipeline.document import make_document

    texts = build_corpus(args.n)
    mb = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    print(f"corpus: {len(texts)} articles, {mb:.1f} MB, mean {mb * 1e6 / len(texts) / 1000:.1f} KB", file=sys.stderr)

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
    nfacts = sum(len(v) for r in results for v in r.values())
    total = t3 - t0
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"normalize+split: {len(docs) / (t1 - t0):8.0f} articles/s")
    print(f"extract (all):   {len(docs) / (t2 - t1):8.0f} articles/s")
    print(f"load SQLite:     {len(docs) / (t3 - t2):8.0f} articles/s")
    print(f"end to end:      {len(docs) / total:8.0f} articles/s  ({mb / total:.2f} MB/s, one core)")
    print(f"facts: {nfacts} ({nfacts / len(docs):.1f} per article)")
    print(f"peak RSS: {rss:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
