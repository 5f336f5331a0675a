"""The review workflow as a pure state machine: which action moves which status, and who may act.

draft → submitted → (changes_requested → draft → submitted) → approved | rejected;
withdrawn by the applicant before a decision.
"""
from __future__ import annotations

from dataclasses import dataclass

MEMBER = "member"  # the owner or a co-applicant
REVIEWER = "reviewer"  # association staff (admins may act as reviewers)


@dataclass(frozen=True)
class Action:
    name: str
    sources: tuple[str, ...]
    target: str
    actor: str


ACTIONS: dict[str, Action] = {a.name: a for a in (
    Action("submit", ("draft",), "submitted", MEMBER),
    Action("request_changes", ("submitted",), "changes_requested", REVIEWER),
    Action("revise", ("changes_requested",), "draft", MEMBER),
    Action("approve", ("submitted",), "approved", REVIEWER),
    Action("reject", ("submitted",), "rejected", REVIEWER),
    Action("withdraw", ("draft", "submitted", "changes_requested"), "withdrawn", MEMBER),
)}
DECISIONS = ("approve", "reject")


class WorkflowError(Exception):
    """An action that is not allowed from this status or for this person."""


def may_act(action: Action, *, is_member: bool, role: str, is_party: bool | None = None) -> bool:
    """Members act as applicants; staff decide, but never on an application they are a party to.

    `is_party`: a member, or the one who submitted it (default: `is_member`). Separation of duties:
    nobody approves, rejects or asks for changes in what they applied for themselves.
    """
    if action.actor == MEMBER:
        return is_member
    return role in ("reviewer", "admin") and not (is_member if is_party is None else is_party)


def allowed_actions(status: str, *, is_member: bool, role: str, is_party: bool | None = None) -> list[str]:
    """The actions this person may take on an application in `status`."""
    return [a.name for a in ACTIONS.values()
            if status in a.sources and may_act(a, is_member=is_member, role=role, is_party=is_party)]


def next_status(status: str, action_name: str, *, is_member: bool, role: str, is_party: bool | None = None) -> str:
    """The status after `action_name`; raises WorkflowError when it is not allowed."""
    action = ACTIONS.get(action_name)
    if action is None or status not in action.sources:
        raise WorkflowError(f"{action_name} is not possible from {status}")
    if not may_act(action, is_member=is_member, role=role, is_party=is_party):
        raise WorkflowError(f"{role} may not {action_name}")
    return action.target
