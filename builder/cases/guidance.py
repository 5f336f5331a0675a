"""What a change request asks for: the request's text and every comment on the version it concerns,
each with a link to the wizard step and field it is about (shown to the lead as a banner)."""
from __future__ import annotations

import re
from dataclasses import dataclass

from builder.models import Application

_STAFF_LINE = re.compile(r"budget\.staff\[([0-9]{1,4})\]")
# target prefix → (wizard step, the first input of that row, "{i}" its row number)
_ROW_TARGETS = {"effects": ("goals", "scenarios-{i}-label"), "risks": ("risks", "risks-{i}-area"),
                "budget.other_costs": ("budget", "other_costs-{i}-label"),
                "signatories": ("signatories", "signatories-{i}-name")}
_ROW = re.compile(r"(effects|risks|budget\.other_costs|signatories)\[([0-9]{1,4})\]")


@dataclass(frozen=True)
class Point:
    label: str
    body: str
    step: str
    anchor: str  # the field's id on that step ("" for the top of the step)


@dataclass(frozen=True)
class ChangeRequest:
    text: str
    when: object
    points: tuple[Point, ...]


def target_link(target: str) -> tuple[str, str]:
    """(wizard step, field id) of a comment target: "budget.staff[3]" → ("budget", "staff-3-role")."""
    from builder.wizard.mapping import FIELD_NAME, SECTION_FIELDS

    for step, keys in SECTION_FIELDS.items():
        if target in keys:
            return step, FIELD_NAME.get(target, target)
    if target == "goals":
        return "goals", "goals"
    row = _ROW.fullmatch(target)
    if row:
        step, anchor = _ROW_TARGETS[row.group(1)]
        return step, anchor.format(i=int(row.group(2)))
    line = _STAFF_LINE.fullmatch(target)
    if line:
        return "budget", f"staff-{int(line.group(1))}-role"
    if target.startswith("budget"):
        return "budget", ""
    return "project", ""


def open_change_request(application: Application, labels: dict[str, str]) -> ChangeRequest | None:
    """The change request the lead is answering (after "Begär komplettering", until the next submission)."""
    if not application.versions or application.status not in ("changes_requested", "draft"):
        return None
    request = next((t for t in reversed(application.transitions) if t.action in ("request_changes", "submit")), None)
    if request is None or request.action != "request_changes":
        return None
    latest = application.versions[-1].id
    points = []
    for comment in application.comments:
        if comment.parent_id is None and comment.version_id == latest and not comment.internal \
                and comment.resolved_at is None:
            step, anchor = target_link(comment.target)
            points.append(Point(labels.get(comment.target, comment.target), comment.body, step, anchor))
    return ChangeRequest(request.comment, request.created_at, tuple(points))


def _short(text: str, limit: int = 60) -> str:
    text = " ".join(str(text or "").split())
    return text if len(text) <= limit else text[:limit - 1] + "…"


def more_comment_targets(doc: dict) -> list[tuple[str, str]]:
    """Comment targets beyond sections and staff lines: each effect, risk, other cost and signatory."""
    from flask_babel import gettext as _

    budget = doc.get("budget") or {}
    out = [(f"effects[{i}]", _("Effekt %(n)s: %(label)s", n=i + 1, label=_short(e.get("label", ""))))
           for i, e in enumerate(doc.get("effects") or [])]
    out += [(f"risks[{i}]", _("Risk %(n)s: %(text)s", n=i + 1, text=_short(r.get("description", ""))))
            for i, r in enumerate(doc.get("risks") or [])]
    out += [(f"budget.other_costs[{i}]", _("Övrig kostnad %(n)s: %(label)s", n=i + 1,
                                           label=_short(c.get("label", ""))))
            for i, c in enumerate(budget.get("other_costs") or [])]
    out += [(f"signatories[{i}]", _("Underskrift %(n)s: %(name)s", n=i + 1, name=_short(s.get("name", ""))))
            for i, s in enumerate(doc.get("signatories") or [])]
    return out


def margin_part(target: str) -> str:
    """The part of the document a comment sits beside: a section key, "effects", "risks", "budget",
    "signatories" or "general"."""
    for part in ("effects", "risks", "budget", "signatories"):
        if target == part or target.startswith(part + "[") or target.startswith(part + "."):
            return part
    return target


def margin_comments(comments, *, staff: bool, version_id: int | None = None) -> dict[str, list]:
    """Top-level comments by the document part they are about (internal ones for staff only)."""
    out: dict[str, list] = {}
    for comment in comments:
        if comment.parent_id is not None or (comment.internal and not staff):
            continue
        if version_id is not None and comment.version_id != version_id:
            continue
        out.setdefault(margin_part(comment.target), []).append(comment)
    return out
