"""Workflow operations: transitions with snapshots, comments, extensions. One transaction each."""
from __future__ import annotations

import copy
import json
from datetime import date

from flask_babel import gettext as _

from builder import appformat
from builder.applications.service import create_application, validate
from builder.budget import compute_budget
from builder.extensions import db
from builder.models import Application, ApplicationVersion, Comment, Transition, User
from builder.web.filters import SECTION_TITLES
from builder.workflow import next_status


def is_member(user: User, application: Application) -> bool:
    return application.is_member(user.id)


def is_party(user: User, application: Application) -> bool:
    """A member of the application or one who submitted it: such a person may never decide on it."""
    return is_member(user, application) or any(
        t.action == "submit" and t.user_id == user.id for t in application.transitions)


def latest_version_number(application: Application) -> int:
    """The number of the newest frozen version (0 before the first submission): what a decision form carries."""
    return application.versions[-1].number if application.versions else 0


def snapshot(application: Application, user: User) -> ApplicationVersion:
    """Freeze the current document as the next version (with its fingerprint and total)."""
    validated, _errors = validate(application.doc)
    canonical = appformat.to_dict(validated) if validated else application.doc
    version = ApplicationVersion(
        application_id=application.id, number=len(application.versions) + 1,
        document=json.dumps(canonical, ensure_ascii=False),
        fingerprint=appformat.fingerprint(validated) if validated else "",
        total=compute_budget(validated.budget).total if validated else None, created_by_id=user.id)
    application.versions.append(version)
    return version


def apply_transition(application: Application, action: str, user: User, comment: str = "",
                     decision: dict | None = None) -> Transition:
    """Move the application; raises WorkflowError when not allowed. Submissions are snapshotted."""
    before = application.status
    after = next_status(before, action, is_member=is_member(user, application), role=user.role,
                        is_party=is_party(user, application))
    version_number: int | None
    if action == "submit":
        version_number = snapshot(application, user).number
        from builder.cases.service import open_case  # the diarienummer, given at the first submission

        open_case(application, user)
    else:  # a decision names the version it was made on (the route checked it is the newest)
        version_number = latest_version_number(application) or None
    if decision:
        application.decision_date = decision.get("date")
        application.decision_body = decision.get("body", "")
        application.approved_total = decision.get("approved_total")
    application.status = after
    if after == "approved":  # the decision's yearly amounts become the association's commitments
        from builder.portfolio.service import write_commitments

        write_commitments(application)
    transition = Transition(application_id=application.id, user_id=user.id, action=action, from_status=before,
                            to_status=after, comment=comment.strip(), version_number=version_number)
    application.transitions.append(transition)
    db.session.commit()
    return transition


def add_comment(application: Application, user: User, body: str, target: str = "general",
                parent: Comment | None = None, internal: bool = False) -> Comment:
    """A comment on the latest version (an answer is attached to its parent's version and is internal when
    its parent is)."""
    version = parent.version if parent else (application.versions[-1] if application.versions else None)
    comment = Comment(application_id=application.id, version_id=version.id if version else None,
                      parent_id=parent.id if parent else None, user_id=user.id,
                      target=parent.target if parent else target, body=body.strip(),
                      internal=parent.internal if parent else internal)
    application.comments.append(comment)
    db.session.commit()
    return comment


def approved_baseline(application: Application) -> dict:
    """The approved budget as baseline rows: the computed summary rows of the approved version."""
    source = application.versions[-1].doc if application.versions else application.doc
    validated = appformat.from_dict(source)
    table = compute_budget(validated.budget)
    label = "Beviljad budget"
    if application.decision_date:
        label = f"Beviljad budget ({application.decision_date.isoformat()})"
    rows = [{"label": row.label, "yearly": {y: str(v) for y, v in row.yearly.items() if v}} for row in table.rows]
    rows += [{"label": row.label, "yearly": {y: str(v) for y, v in row.yearly.items() if v}}
             for row in table.carried_over]
    return {"label": label, "rows": rows}


def start_extension(application: Application, user: User, kind: str = "extension") -> Application:
    """A new draft that copies an approved application and takes its approved budget as baseline."""
    doc = copy.deepcopy(application.versions[-1].doc if application.versions else application.doc)
    doc["kind"] = kind
    doc["budget"]["baseline"] = approved_baseline(application)
    draft = create_application(user, doc, association=application.association_ref)  # the same association
    draft.parent_id = application.id
    db.session.commit()
    return draft


def decision_from_form(form) -> dict:
    return {"date": form.decision_date.date or date.today(), "body": (form.decision_body.data or "").strip(),
            "approved_total": int(form.approved_total.decimal) if form.approved_total.decimal is not None else None}


def comment_targets(doc: dict) -> list[tuple[str, str]]:
    sections = doc.get("sections") or {}
    targets = [("general", _("Hela ansökan"))]
    targets += [(key, str(title)) for key, title in SECTION_TITLES if sections.get(key)]
    targets.append(("budget", _("Budgeten")))
    for i, line in enumerate((doc.get("budget") or {}).get("staff") or []):
        targets.append((f"budget.staff[{i}]", _("Personalrad %(n)s: %(party)s, %(role)s", n=i + 1,
                                                 party=line.get("party", ""), role=line.get("role", ""))))
    from builder.cases.guidance import more_comment_targets

    return targets + more_comment_targets(doc)
