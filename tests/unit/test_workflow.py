"""The workflow state machine, without an app."""
import pytest

from builder.workflow import WorkflowError, allowed_actions, next_status


@pytest.mark.parametrize("status,action,member,role,expected", [
    ("draft", "submit", True, "applicant", "submitted"),
    ("submitted", "request_changes", False, "reviewer", "changes_requested"),
    ("changes_requested", "revise", True, "applicant", "draft"),
    ("submitted", "approve", False, "reviewer", "approved"),
    ("submitted", "reject", False, "admin", "rejected"),
    ("submitted", "withdraw", True, "applicant", "withdrawn"),
    ("changes_requested", "withdraw", True, "applicant", "withdrawn"),
])
def test_allowed_transitions(status, action, member, role, expected):
    assert next_status(status, action, is_member=member, role=role) == expected


@pytest.mark.parametrize("status,action,member,role", [
    ("draft", "approve", False, "reviewer"),        # nothing to decide before submission
    ("submitted", "approve", True, "applicant"),    # applicants never decide
    ("submitted", "submit", True, "applicant"),     # already submitted
    ("approved", "withdraw", True, "applicant"),    # too late after a decision
    ("rejected", "revise", True, "applicant"),
    ("draft", "submit", False, "reviewer"),         # only the owner or a co-applicant submits
    ("submitted", "request_changes", False, "finance"),
    ("draft", "explode", True, "applicant"),
])
def test_refused_transitions(status, action, member, role):
    with pytest.raises(WorkflowError):
        next_status(status, action, is_member=member, role=role)


def test_allowed_actions_lists():
    assert allowed_actions("draft", is_member=True, role="applicant") == ["submit", "withdraw"]
    assert allowed_actions("submitted", is_member=False, role="reviewer") == ["request_changes", "approve", "reject"]
    assert allowed_actions("approved", is_member=True, role="applicant") == []
