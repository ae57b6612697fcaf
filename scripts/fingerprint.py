"""A fingerprint of what the extractors find, to check that a speed change changes nothing.

Hashes, per fact type, every fact's database row of every sample in corpus/samples, every
seed in ../shared/seeds (when it is there) and ``-n`` articles of the benchmark corpus
(pipeline/bench.py). Save one before the change, compare after:

    python scripts/fingerprint.py --save /tmp/before.json
    ... change the code ...
    python scripts/fingerprint.py --against /tmp/before.json   # exit 1 if a type differs

``--rows FILE`` also writes every row, one per line, so that two runs can be diffed to see
which facts a rule change moved.

A rule change that is meant to change output changes the fingerprint too; this is for
changes that must not.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from extractors import extract  # noqa: E402
from extractors.models import FACT_TYPES  # noqa: E402
from pipeline.bench import build_corpus  # noqa: E402
from pipeline.document import make_document  # noqa: E402
from pipeline.errors import IngestError  # noqa: E402
from pipeline.run import document_from_file  # noqa: E402


def documents(n_bench: int):
    """(name, Document) of the samples, the held-out articles, the seeds if present, and ``n_bench``
    bench articles."""
    folders = (ROOT / "corpus" / "samples", ROOT / "tests" / "heldout" / "articles", ROOT.parent / "shared" / "seeds")
    for folder in folders:
        if not folder.is_dir():
            continue
        for path in sorted(folder.iterdir()):
            try:
                yield path.relative_to(ROOT.parent).as_posix(), document_from_file(path)
            except IngestError:  # a sample the reader refuses on purpose
                continue
    for i, text in enumerate(build_corpus(n_bench)):
        yield f"bench/{i}", make_document(f"bench/{i}.txt", text)


def fingerprint(n_bench: int = 500, rows=None) -> dict:
    """Fact type -> [number of facts, hash of their rows]; "_documents" -> documents read."""
    hashes = {k: hashlib.sha256() for k in FACT_TYPES}
    counts = dict.fromkeys(FACT_TYPES, 0)
    n_docs = 0
    for name, doc in documents(n_bench):
        n_docs += 1
        for kind, facts in extract(doc).items():
            for fact in facts:
                row = json.dumps([name, fact.to_row()], ensure_ascii=False, sort_keys=True, default=str)
                hashes[kind].update(row.encode("utf-8"))
                if rows is not None:
                    rows.write(f"{kind}\t{row}\n")
                counts[kind] += 1
    out: dict = {k: [counts[k], hashes[k].hexdigest()[:16]] for k in FACT_TYPES}
    out["_documents"] = n_docs
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("-n", type=int, default=500, help="bench articles to include (default 500)")
    ap.add_argument("--save", type=Path, help="write the fingerprint to this file")
    ap.add_argument("--against", type=Path, help="compare with a saved fingerprint; exit 1 if any differs")
    ap.add_argument("--rows", type=Path, help="also write every fact's row to this file, one per line")
    args = ap.parse_args(argv)
    if args.rows:
        with args.rows.open("w", encoding="utf-8") as rows:
            got = fingerprint(args.n, rows)
    else:
        got = fingerprint(args.n)
    if args.save:
        args.save.write_text(json.dumps(got, indent=1) + "\n", encoding="utf-8")
    if args.against:
        want = json.loads(args.against.read_text(encoding="utf-8"))
        differ = [k for k in got if got[k] != want.get(k)]
        for k in got:
            print(f"{k:12s} {got[k]}  " + ("same" if k not in differ else f"DIFFERS (was {want.get(k)})"))
        return 1 if differ else 0
    if not args.save:
        print(json.dumps(got))
    return 0


if __name__ == "__main__":
    sys.exit(main())
