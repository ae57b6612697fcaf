"""The benchmark (make bench) and the output fingerprint (scripts/fingerprint.py) run and report."""
from __future__ import annotations

import importlib.util
import json
from pathlib import Path

from pipeline import bench

ROOT = Path(__file__).resolve().parents[2]


def _fingerprint_module():
    spec = importlib.util.spec_from_file_location("fingerprint", ROOT / "scripts" / "fingerprint.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_bench_corpus_is_news_sized_and_varied():
    texts = bench.build_corpus(30)
    assert len(texts) == 30
    sizes = [len(t.encode("utf-8")) for t in texts]
    assert max(sizes) <= 4000 and min(sizes) > 3000
    assert len(set(texts)) == 30  # no two articles alike


def test_bench_reports_every_stage_for_the_fastest_pass(capsys):
    assert bench.main(["-n", "12", "--rounds", "2"]) == 0
    out = capsys.readouterr().out
    assert "fastest of 2 passes" in out
    for label in ("normalize+split:", "extract (all):", "load SQLite:", "end to end:"):
        line = next(ln for ln in out.splitlines() if ln.startswith(label))
        assert "articles/s" in line and "CPU" in line
    facts = next(ln for ln in out.splitlines() if ln.startswith("facts:"))
    assert int(facts.split()[1]) > 12  # the samples are dense with facts
    assert "NER calls" in out


def test_fingerprint_is_stable_and_catches_a_difference(tmp_path):
    fp = _fingerprint_module()
    saved = tmp_path / "before.json"
    assert fp.main(["-n", "4", "--save", str(saved)]) == 0
    first = json.loads(saved.read_text(encoding="utf-8"))
    assert first["_documents"] >= 4 and all(first[k][0] > 0 for k in ("progress", "tallies", "dates"))
    assert fp.main(["-n", "4", "--against", str(saved)]) == 0

    changed = dict(first, progress=[first["progress"][0], "0" * 16])
    other = tmp_path / "other.json"
    other.write_text(json.dumps(changed), encoding="utf-8")
    assert fp.main(["-n", "4", "--against", str(other)]) == 1
