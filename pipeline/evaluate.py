"""Score extracted facts against gold answers in the SPEC.md shape.

The matching keys are the SPEC's ("How facts are matched"): a predicted fact
matches an unused gold fact of the same document when its key agrees. Names
compare after NFC, lower-casing, whitespace squeezing and tone folding.

usage: python -m pipeline.evaluate --gold tests/gold corpus/samples [--json]
"""
from __future__ import annotations

import argparse
import json
import sys
import unicodedata
from collections import defaultdict
from pathlib import Path

from pipeline.normalize import _TONE_FOLD

KINDS = ("progress", "tallies", "unmet", "officials", "dates", "legal_refs")


def fold(text):
    """Comparable form of a name: "Xuân Hoà " -> "xuân hòa".

    >>> fold("  Xuân  HOÀ ")
    'xuân hòa'
    """
    if text is None:
        return None
    text = " ".join(unicodedata.normalize("NFC", str(text)).lower().split())
    for old, new in _TONE_FOLD.items():  # every pair, as the project's scorer does
        text = text.replace(old, new)
    return text


def _unit(u):
    u = u or {}
    return fold(u.get("name")), fold(u.get("level"))


KEYS = {
    "progress": lambda f: (_unit(f.get("unit")), fold(f.get("measure")), f.get("met"), f.get("met_max"),
                           f.get("total"), f.get("modality")),
    "tallies": lambda f: (_unit(f.get("parent"))[0], fold(f.get("child_level")), f.get("standard"),
                          f.get("count"), f.get("total"), f.get("modality")),
    "unmet": lambda f: (_unit(f.get("unit"))[0], f.get("criterion")),
    "officials": lambda f: fold(f.get("name")),
    "dates": lambda f: f.get("value"),
    "legal_refs": lambda f: fold(f.get("number")),
}


def score_documents(pairs):
    """``pairs``: iterable of (name, gold object, predicted object).

    Returns {kind: {"tp", "pred", "gold", "precision", "recall", "f1"}} plus
    "micro", and lists of misses and spurious facts.
    """
    counts = defaultdict(lambda: [0, 0, 0])
    misses, spurious = [], []
    for name, gold, pred in pairs:
        for kind in KINDS:
            left = defaultdict(int)
            for f in gold.get(kind) or []:
                left[KEYS[kind](f)] += 1
            for f in pred.get(kind) or []:
                k = KEYS[kind](f)
                if left[k]:
                    left[k] -= 1
                    counts[kind][0] += 1
                else:
                    spurious.append((name, kind, k))
            misses += [(name, kind, k) for k, n in left.items() for _ in range(n)]
            counts[kind][1] += len(pred.get(kind) or [])
            counts[kind][2] += len(gold.get(kind) or [])
    out = {kind: _prf(*counts[kind]) for kind in KINDS}
    out["micro"] = _prf(*(sum(counts[k][i] for k in KINDS) for i in range(3)))
    return out, misses, spurious


def _prf(tp, npred, ngold):
    p = tp / npred if npred else (1.0 if not ngold else 0.0)
    r = tp / ngold if ngold else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"tp": tp, "pred": npred, "gold": ngold, "precision": p, "recall": r, "f1": f}


def evaluate(gold_dir: Path, inputs: Path):
    """Extract every file of ``inputs`` that has a gold answer and score it."""
    from pipeline.run import analyse, document_from_file, document_json

    pairs = []
    for gold_path in sorted(Path(gold_dir).glob("*.json")):
        src = Path(inputs) / gold_path.name[: -len(".json")]
        doc = document_from_file(src)
        pred = document_json(doc, analyse(doc), name=src.name)
        pairs.append((src.name, json.loads(gold_path.read_text(encoding="utf-8")), pred))
    return score_documents(pairs)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--gold", required=True, type=Path)
    ap.add_argument("inputs", type=Path)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    scores, misses, spurious = evaluate(args.gold, args.inputs)
    if args.json:
        print(json.dumps(scores, indent=2))
        return 0
    for kind, s in scores.items():
        print(f"{kind:<11} gold {s['gold']:>4} pred {s['pred']:>4}  P {s['precision']:.3f}  "
              f"R {s['recall']:.3f}  F1 {s['f1']:.3f}")
    for name, kind, k in misses:
        print(f"MISSED   {name} {kind} {k}", file=sys.stderr)
    for name, kind, k in spurious:
        print(f"SPURIOUS {name} {kind} {k}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
