"""The reviewer's budget check panel: the format's errors and readiness.reviewer_gaps, in the reader's language."""
from __future__ import annotations

from builder import readiness
from builder.applications.service import validate
from builder.budget import compute_budget
from builder.format_messages import messages
from builder.web.locale import current_language


def budget_findings(doc: dict, parent_approved_total: int | None = None) -> list[str]:
    """Messages for a reviewer; an empty list means nothing to remark on."""
    language = current_language()
    validated, errors = validate(doc)
    baseline_total = None
    if parent_approved_total is not None and validated is not None and validated.budget.baseline is not None:
        baseline_total = compute_budget(validated.budget).baseline_total
    gaps = readiness.reviewer_gaps(doc, baseline_total, parent_approved_total)
    return messages(errors, language) + readiness.describe_all(gaps, language)
