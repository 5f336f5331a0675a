"""A bounded text diff for comparing versions: by sentence, then by word inside a changed sentence.

difflib on words is quadratic or worse: two sections of 8 000 repeated words took 12–37 s. Here the
text is cut into sentences (and paragraphs), the common beginning and end are set aside in linear
time, and difflib only runs on what is left when that is small (at most UNIT_BUDGET sentence pairs;
inside one changed sentence at most WORD_BUDGET word pairs). Anything larger is shown as removed
and added as a whole: still true, only coarser. A comparison also stops refining once it has spent
TIME_BUDGET seconds, and results are remembered by the digests of the two texts, so a version pair
is diffed once per process however often the page is opened.
"""
from __future__ import annotations

import difflib
import hashlib
import re
import threading
import time
from collections import OrderedDict

UNIT_BUDGET = 40_000  # sentence pairs given to difflib in one section (200 × 200)
WORD_BUDGET = 10_000  # word pairs given to difflib in one changed sentence pair (100 × 100)
TIME_BUDGET = 0.5  # seconds of refinement per comparison; after that, changed stretches are shown whole
_SENTENCE_END = re.compile(r"(?<=[.!?:;])\s+|\n+")

Parts = list[tuple[str, str]]  # ("same" | "removed" | "added", text)


def sentences(text: str) -> list[str]:
    """The text cut after sentence punctuation and at line breaks (linear; empty pieces dropped)."""
    return [piece for piece in _SENTENCE_END.split(text) if piece]


def _common_ends(a: list[str], b: list[str]) -> tuple[int, int]:
    """(length of the common beginning, length of the common end) of two lists, not overlapping."""
    start = 0
    limit = min(len(a), len(b))
    while start < limit and a[start] == b[start]:
        start += 1
    end = 0
    while end < limit - start and a[-1 - end] == b[-1 - end]:
        end += 1
    return start, end


class _Clock:
    def __init__(self, seconds: float):
        self.deadline = time.monotonic() + seconds

    def left(self) -> bool:
        return time.monotonic() < self.deadline


def _opcodes(a: list[str], b: list[str], budget: int, clock: _Clock):
    """difflib's opcodes for the middle of a and b when small enough, else one replace of the whole middle."""
    start, end = _common_ends(a, b)
    middle_a, middle_b = a[start:len(a) - end], b[start:len(b) - end]
    if start:
        yield "equal", a[:start], b[:start]
    if middle_a or middle_b:
        if len(middle_a) * len(middle_b) <= budget and clock.left():
            matcher = difflib.SequenceMatcher(None, middle_a, middle_b, autojunk=False)
            for op, i1, i2, j1, j2 in matcher.get_opcodes():
                yield op, middle_a[i1:i2], middle_b[j1:j2]
        else:
            yield "replace", middle_a, middle_b
    if end:
        yield "equal", a[len(a) - end:], b[len(b) - end:]


def _word_parts(old: list[str], new: list[str], clock: _Clock) -> Parts:
    """A changed stretch of sentences, refined to words when it is one short sentence pair on each side."""
    if len(old) == 1 and len(new) == 1:
        parts: Parts = []
        for op, a, b in _opcodes(old[0].split(" "), new[0].split(" "), WORD_BUDGET, clock):
            parts += _emit(op, a, b)
        return parts
    return _emit("replace", old, new)


def _emit(op: str, a: list[str], b: list[str]) -> Parts:
    if op == "equal":
        return [("same", " ".join(a))]
    out: Parts = []
    if a:
        out.append(("removed", " ".join(a)))
    if b:
        out.append(("added", " ".join(b)))
    return out


def diff_text(old: str, new: str, clock: _Clock | None = None) -> Parts:
    """The parts that turn `old` into `new`: kept, removed and added text, in reading order."""
    clock = clock or _Clock(TIME_BUDGET)
    parts: Parts = []
    for op, a, b in _opcodes(sentences(old), sentences(new), UNIT_BUDGET, clock):
        parts += _word_parts(a, b, clock) if op == "replace" else _emit(op, a, b)
    return [part for part in parts if part[1]]


_CACHE: OrderedDict[tuple[bytes, bytes], Parts] = OrderedDict()
_CACHE_SIZE = 512
_LOCK = threading.Lock()


def _digest(text: str) -> bytes:
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).digest()


def cached_diff(old: str, new: str, clock: _Clock | None = None) -> Parts:
    """diff_text, remembered by the two texts' digests (a frozen version's text never changes)."""
    key = (_digest(old), _digest(new))
    with _LOCK:
        if key in _CACHE:
            _CACHE.move_to_end(key)
            return _CACHE[key]
    parts = diff_text(old, new, clock)
    if clock is None or clock.left():  # a result cut short by the time budget is not kept
        with _LOCK:
            _CACHE[key] = parts
            if len(_CACHE) > _CACHE_SIZE:
                _CACHE.popitem(last=False)
    return parts


def new_clock(seconds: float = TIME_BUDGET) -> _Clock:
    return _Clock(seconds)
