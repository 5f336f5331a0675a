"""What a change request asks for: the request's text and every comment on the version it concerns,
each with a link to the wizard step and field it is about (shown to the lead as a banner)."""
from __future__ import annotations

import re
from dataclasses import dataclass

from builder.models import Application

_STAFF_LINE = re.compile(r"budget\.staff\[([0-9]{1,4})\]")


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
        if comment.parent_id is None and comment.version_id == latest:
            step, anchor = target_link(comment.target)
            points.append(Point(labels.get(comment.target, comment.target), comment.body, step, anchor))
    return ChangeRequest(request.comment, request.created_at, tuple(points))
