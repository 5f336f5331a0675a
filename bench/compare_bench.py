"""How long the version comparison (/applications/<id>/compare) takes on hostile texts.

Usage: .venv/bin/python bench/compare_bench.py [--runs N] [--old]

Cases: two sections of 8 000 repeated words with one word changed in the middle (the issue's
finding), every section of the format at its 100 000-character limit (repeated words, and
alternating one-letter sentences), and 33 000 random one-letter sentences on each side. Prints
the median CPU time of `section_diffs` for each (the whole page's text diff, not cached).
`--old` also times the previous word-level difflib on the 8 000-word case (one run: about 12 s or more).
"""
from __future__ import annotations

import argparse
import difflib
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from builder.appformat import SECTION_KEYS  # noqa: E402
from builder.appformat.load import MAX_TEXT  # noqa: E402
from builder.review import textdiff  # noqa: E402
from builder.review.compare import section_diffs  # noqa: E402


def _doc(sections: dict) -> dict:
    return {"sections": sections}


def cases() -> dict[str, tuple[dict, dict]]:
    words = MAX_TEXT // 4
    at_limit_old = {k: " ".join(["ord"] * words) for k in SECTION_KEYS}
    at_limit_new = {k: " ".join(["ord"] * (words // 2) + ["nytt"] + ["ord"] * (words // 2 - 1)) for k in SECTION_KEYS}
    rng = random.Random(14)
    return {
        "8 000 repeated words, one changed": (
            _doc({"background": " ".join(["ord"] * 8000)}),
            _doc({"background": " ".join(["ord"] * 3999 + ["nytt"] + ["ord"] * 4000)})),
        f"{len(SECTION_KEYS)} sections × 100 000 chars of repeated words": (_doc(at_limit_old), _doc(at_limit_new)),
        f"{len(SECTION_KEYS)} sections × 100 000 chars of 'a. b' / 'b. a'": (
            _doc({k: ("a. b " * 30_000)[:MAX_TEXT] for k in SECTION_KEYS}),
            _doc({k: ("b. a " * 30_000)[:MAX_TEXT] for k in SECTION_KEYS})),
        "33 000 random sentences each side": (
            _doc({"background": ". ".join(rng.choice("ab") for _ in range(33_000))}),
            _doc({"background": ". ".join(rng.choice("ab") for _ in range(33_000))})),
        "200 × 200 random sentences (largest difflib run)": (
            _doc({"background": ". ".join(rng.choice("abc") for _ in range(200))}),
            _doc({"background": ". ".join(rng.choice("abc") for _ in range(200))})),
    }


def old_word_diff(a: str, b: str) -> int:
    words_a, words_b = a.split(" "), b.split(" ")
    return len(difflib.SequenceMatcher(None, words_a, words_b, autojunk=False).get_opcodes())


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--old", action="store_true")
    args = parser.parse_args()
    for name, (old, new) in cases().items():
        times = []
        for _ in range(args.runs):
            textdiff._CACHE.clear()
            start = time.process_time()
            section_diffs(old, new)
            times.append(time.process_time() - start)
        print(f"{name}: median {statistics.median(times) * 1000:.1f} ms, worst {max(times) * 1000:.1f} ms CPU")
    if args.old:
        old, new = cases()["8 000 repeated words, one changed"]
        start = time.process_time()
        old_word_diff(old["sections"]["background"], new["sections"]["background"])
        print(f"previous word-level difflib, 8 000 repeated words: {time.process_time() - start:.1f} s CPU")


if __name__ == "__main__":
    main()
