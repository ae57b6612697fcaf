"""Quality gate: extraction on the sample corpus and on the held-out articles
(tests/heldout) must not fall below pinned floors.

The floors live in tests/eval_baseline.json together with a fingerprint of each
gold set; a changed gold set fails until the baseline is re-pinned on purpose
(``python -m tests.pin_baseline`` after reviewing the scores).
"""
import hashlib
import json
from pathlib import Path

import pytest

from pipeline.evaluate import KINDS, evaluate

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "tests" / "gold"
SAMPLES = ROOT / "corpus" / "samples"
HELDOUT = ROOT / "tests" / "heldout"
BASELINE = json.loads((ROOT / "tests" / "eval_baseline.json").read_text(encoding="utf-8"))


def gold_fingerprint(gold: Path = GOLD) -> str:
    h = hashlib.sha256()
    for p in sorted(gold.glob("*.json")):
        h.update(p.name.encode())
        h.update(p.read_bytes())
    return h.hexdigest()


@pytest.fixture(scope="module")
def scores():
    return evaluate(GOLD, SAMPLES)[0]


def test_every_sample_has_gold():
    samples = {p.name for p in SAMPLES.iterdir()}
    golds = {p.name[: -len(".json")] for p in GOLD.glob("*.json")}
    assert samples == golds


def test_gold_set_is_the_pinned_one():
    assert gold_fingerprint() == BASELINE["gold_sha256"], "gold changed: review scores and re-pin the baseline"


@pytest.mark.parametrize("kind", [*KINDS, "micro"])
def test_f1_not_below_floor(scores, kind):
    assert scores[kind]["f1"] >= BASELINE["f1_floor"][kind] - 1e-9, scores[kind]


@pytest.fixture(scope="module")
def heldout_scores():
    return evaluate(HELDOUT / "gold", HELDOUT / "articles")[0]


def test_every_heldout_article_has_gold():
    articles = {p.name for p in (HELDOUT / "articles").iterdir()}
    golds = {p.name[: -len(".json")] for p in (HELDOUT / "gold").glob("*.json")}
    assert articles == golds and len(articles) >= 16


def test_heldout_gold_is_the_pinned_one():
    assert gold_fingerprint(HELDOUT / "gold") == BASELINE["heldout"]["gold_sha256"], \
        "held-out gold changed: review scores and re-pin the baseline"


@pytest.mark.parametrize("kind", [*KINDS, "micro"])
def test_heldout_f1_not_below_floor(heldout_scores, kind):
    assert heldout_scores[kind]["f1"] >= BASELINE["heldout"]["f1_floor"][kind] - 1e-9, heldout_scores[kind]
