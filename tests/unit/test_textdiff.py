"""The bounded version diff: true to both texts, and bounded in time at the format's limits."""
from __future__ import annotations

import random
import time

import pytest

from builder.review.textdiff import diff_text, new_clock, sentences
from builder.xlsx.csv_list import guard_text


def _rebuild(parts, keep):
    return " ".join(text for kind, text in parts if kind in ("same", keep))


def _words(text):
    return " ".join(text.split())


@pytest.mark.parametrize("old,new", [
    ("Vi börjar i juni. Projektet pågår två år.", "Vi börjar i augusti. Projektet pågår två år."),
    ("En mening.", "En mening. En till mening!"),
    ("", "Ny text."),
    ("Gammal text.", ""),
    ("a b c d e f", "a x c d y f"),
])
def test_parts_rebuild_both_texts(old, new):
    parts = diff_text(old, new)
    assert _words(_rebuild(parts, "removed")) == _words(old)
    assert _words(_rebuild(parts, "added")) == _words(new)


def test_changed_word_inside_a_sentence_is_shown_as_a_word():
    parts = diff_text("Vi börjar i juni. Projektet pågår två år.", "Vi börjar i augusti. Projektet pågår två år.")
    assert ("removed", "juni.") in parts and ("added", "augusti.") in parts


def test_random_texts_rebuild():
    rng = random.Random(14)
    for _ in range(200):
        old = " ".join(rng.choice(["a", "b.", "c", "d!", "\n"]) for _ in range(rng.randint(0, 40)))
        new = " ".join(rng.choice(["a", "b.", "c", "d!", "\n"]) for _ in range(rng.randint(0, 40)))
        parts = diff_text(old, new)
        assert _words(_rebuild(parts, "removed")) == _words(" ".join(sentences(old)))
        assert _words(_rebuild(parts, "added")) == _words(" ".join(sentences(new)))


@pytest.mark.parametrize("old,new", [
    (" ".join(["ord"] * 8000), " ".join(["ord"] * 7999 + ["annat"])),
    (" ".join(["ord"] * 8000), " ".join(["ord", "nytt"] * 4000)),
    (("a. b " * 30_000)[:100_000], ("b. a " * 30_000)[:100_000]),
    (". ".join(random.Random(1).choice("ab") for _ in range(33_000)),
     ". ".join(random.Random(2).choice("ab") for _ in range(33_000))),
    (" ".join(random.Random(3).choice("ab") for _ in range(50_000)),
     " ".join(random.Random(4).choice("ab") for _ in range(50_000))),
])
def test_worst_cases_are_bounded(old, new):
    start = time.process_time()
    parts = diff_text(old, new, new_clock(100))  # no time cap: the bound comes from the algorithm itself
    assert time.process_time() - start < 0.5
    assert _words(_rebuild(parts, "removed")) == _words(" ".join(sentences(old)))


def test_time_budget_makes_the_rest_coarse():
    assert ("same", "b") in diff_text("a b c", "x b y", new_clock(10))
    clock = new_clock(0)  # already spent: the changed stretch is shown whole (the common ends are still found)
    assert diff_text("a b c", "x b y", clock) == [("removed", "a b c"), ("added", "x b y")]


@pytest.mark.parametrize("text", ["=1+1", "\uff1d1+1", "\uff0bcmd", "\uff0d1", "\uff20SUM(A1)", "\ufeff=1+1",
                                  "\u200b=1+1", "+46", "-", "@x", "\tx"])
def test_csv_guard_covers_full_width_and_invisible_starts(text):
    assert guard_text(text) == "'" + text


@pytest.mark.parametrize("text", ["Hela Familjen", "100 %", "ö=1", ""])
def test_csv_guard_leaves_ordinary_text(text):
    assert guard_text(text) == text
