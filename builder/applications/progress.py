"""How far a draft has come: the wizard steps that are complete and those still missing."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Progress:
    done: int
    total: int
    missing: tuple[tuple[str, str], ...]  # (step key, step title) still to fill in

    @property
    def percent(self) -> int:
        return round(100 * self.done / self.total) if self.total else 100


def progress_of(application) -> Progress:
    """The wizard's own completeness test per step (the review step is not counted)."""
    from builder.wizard.steps import STEPS, incomplete_steps

    incomplete = incomplete_steps(application.doc)
    steps = [s for s in STEPS if s.key != "review"]
    missing = tuple((s.key, str(s.title)) for s in steps if s.key in incomplete)
    return Progress(done=len(steps) - len(missing), total=len(steps), missing=missing)
