"""Precision and recall of the Word-budget checker on its corpus, per kind of finding.

Usage: .venv/bin/python bench/checkdocx_corpus.py [--verbose]

The corpus is tests/checkdocx_corpus (made by its make_corpus.py): documents of many layouts,
correct and with planted errors, and truth.json with the findings each must give. A finding
matches a planted one when the kind is the same and, where the truth names them, the row and
the column. Prints a line per kind, the overall figures, and every document the checker got
wrong (with --verbose, every document).
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from builder.checkdocx import KINDS, check_docx  # noqa: E402
from builder.checkdocx.budget_table import label_key  # noqa: E402

CORPUS = ROOT / "tests" / "checkdocx_corpus"


@dataclass
class Score:
    """Counts per kind: true positives, false positives, false negatives; documents misjudged."""

    tp: Counter = field(default_factory=Counter)
    fp: Counter = field(default_factory=Counter)
    fn: Counter = field(default_factory=Counter)
    alarmed_correct: list[str] = field(default_factory=list)
    wrong: dict[str, tuple[list, list]] = field(default_factory=dict)  # name → (missed, false)
    documents: int = 0
    seconds: float = 0.0

    def precision(self, kind: str | None = None) -> float:
        tp, fp = (self.tp[kind], self.fp[kind]) if kind else (sum(self.tp.values()), sum(self.fp.values()))
        return tp / (tp + fp) if tp + fp else 1.0

    def recall(self, kind: str | None = None) -> float:
        tp, fn = (self.tp[kind], self.fn[kind]) if kind else (sum(self.tp.values()), sum(self.fn.values()))
        return tp / (tp + fn) if tp + fn else 1.0

    def kinds(self) -> list[str]:
        seen = set(self.tp) | set(self.fp) | set(self.fn)
        return [kind for kind in KINDS if kind in seen]


def _matches(expected: dict, found: dict) -> bool:
    if expected["kind"] != found["kind"]:
        return False
    if "row" in expected and label_key(expected["row"]) != label_key(found.get("row") or ""):
        return False
    return "column" not in expected or expected["column"] == found.get("column")


def compare(expected: list[dict], found: list[dict]) -> tuple[list[dict], list[dict], list[dict]]:
    """(matched, missed, false): each planted finding matched to at most one found, greedily."""
    left = list(found)
    matched, missed = [], []
    for planted in expected:
        hit = next((f for f in left if _matches(planted, f)), None)
        if hit is None:
            missed.append(planted)
        else:
            left.remove(hit)
            matched.append(planted)
    return matched, missed, left


def score_corpus(corpus: Path = CORPUS) -> Score:
    """Check every document of the corpus against its truth."""
    truth = json.loads((corpus / "truth.json").read_text(encoding="utf-8"))
    score = Score()
    for name, entry in sorted(truth.items()):
        data = (corpus / "docs" / name).read_bytes()
        start = time.perf_counter()
        report = check_docx(data)
        score.seconds += time.perf_counter() - start
        found = [{"kind": f.kind, "row": f.row, "column": f.column} for f in report.findings]
        matched, missed, false = compare(entry["expected"], found)
        score.documents += 1
        for item in matched:
            score.tp[item["kind"]] += 1
        for item in missed:
            score.fn[item["kind"]] += 1
        for item in false:
            score.fp[item["kind"]] += 1
        if not entry["expected"] and found:
            score.alarmed_correct.append(name)
        if missed or false:
            score.wrong[name] = (missed, false)
    return score


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--verbose", action="store_true")
    parser.parse_args()
    score = score_corpus()
    print(f"{'kind':22} {'planted':>7} {'found':>6} {'right':>6} {'precision':>9} {'recall':>7}")
    for kind in score.kinds():
        planted, found = score.tp[kind] + score.fn[kind], score.tp[kind] + score.fp[kind]
        print(f"{kind:22} {planted:7} {found:6} {score.tp[kind]:6} {score.precision(kind):9.2f} "
              f"{score.recall(kind):7.2f}")
    planted = sum(score.tp.values()) + sum(score.fn.values())
    found = sum(score.tp.values()) + sum(score.fp.values())
    print(f"{'overall':22} {planted:7} {found:6} {sum(score.tp.values()):6} {score.precision():9.2f} "
          f"{score.recall():7.2f}")
    print(f"{score.documents} documents, correct ones alarmed: {len(score.alarmed_correct)}; "
          f"checking took {score.seconds * 1000:.0f} ms in all")
    for name, (missed, false) in score.wrong.items():
        print(f"  {name}: missed {missed}, false {false}")


if __name__ == "__main__":
    main()
