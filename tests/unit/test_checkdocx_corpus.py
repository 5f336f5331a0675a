"""The checker on its corpus (tests/checkdocx_corpus): precision and recall per kind, no false alarm.

The corpus holds layouts applicants write (python-docx, LibreOffice-written and the app's own
exports), correct and with planted errors; truth.json says what each must give. Regenerate it
with tests/checkdocx_corpus/make_corpus.py; bench/checkdocx_corpus.py prints the same figures.
"""
import importlib.util
import json
import sys
from pathlib import Path

import pytest

from builder.checkdocx import KINDS

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "tests" / "checkdocx_corpus"


def load_bench():
    """bench/checkdocx_corpus.py, the one home of the scoring."""
    name = "checkdocx_corpus_bench"
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, ROOT / "bench" / "checkdocx_corpus.py")
        sys.modules[name] = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(sys.modules[name])
    return sys.modules[name]


@pytest.fixture(scope="module")
def score():
    return load_bench().score_corpus(CORPUS)


def test_the_corpus_is_large_and_varied():
    truth = json.loads((CORPUS / "truth.json").read_text(encoding="utf-8"))
    assert len(truth) >= 60
    assert {entry["source"] for entry in truth.values()} == {"python-docx", "libreoffice", "app"}
    assert sum(entry["source"] == "libreoffice" for entry in truth.values()) >= 20
    planted = {item["kind"] for entry in truth.values() for item in entry["expected"]}
    assert planted == set(KINDS)  # every kind of finding is planted somewhere
    assert sum(not entry["expected"] for entry in truth.values()) >= 30  # and many documents are correct
    assert all((CORPUS / "docs" / name).exists() for name in truth)


def test_no_correct_document_is_alarmed(score):
    assert score.alarmed_correct == []


def test_precision_and_recall_overall_and_per_kind(score):
    assert score.precision() >= 0.95 and score.recall() >= 0.95, score.wrong
    for kind in score.kinds():
        assert score.precision(kind) >= 0.95, (kind, score.wrong)
        assert score.recall(kind) >= 0.95, (kind, score.wrong)


def test_the_scoring_counts_a_miss_and_a_false_finding():
    bench = load_bench()
    planted = [{"kind": "cell", "row": "Region Skåne", "column": "2025"}]
    found = [{"kind": "cell", "row": "Region Skåne", "column": "2026"}]
    assert bench.compare(planted, found) == ([], planted, found)
    assert bench.compare(planted, [{"kind": "cell", "row": "region skåne:", "column": "2025"}])[0] == planted
