"""Operations on applications: create, save, validate, import. Routes call these."""
from __future__ import annotations

import copy
from datetime import timedelta

from flask import current_app
from flask_babel import gettext as _

from builder import appformat
from builder.appformat import FormatError, ValidationError
from builder.auth.service import find_user
from builder.budget import BudgetTable, EffectResult, compute_budget, compute_effects
from builder.extensions import db
from builder.models import Application, Collaborator, User, utcnow
from builder.textclean import clean_strings, without_control_characters

EMPTY_DOCUMENT = {"format": "finsam-application", "version": 1, "language": "sv", "kind": "new",
                  "title": "", "association": "", "process_owner": "", "parties": [], "sections": {},
                  "risks": [], "signatories": [],
                  "budget": {"proration": "half_month", "default_social_fee_rate": "0", "staff": [],
                             "other_costs": []}}


def new_document() -> dict:
    return copy.deepcopy(EMPTY_DOCUMENT)


def create_application(owner: User, doc: dict | None = None, association=None) -> Application:
    """A new draft owned by `owner` (from a document, or empty), to `association` when given, else to the
    association its text names (matched by name ignoring case; none when no association has that name)."""
    from builder.associations.service import link_association

    application = Application(owner_id=owner.id, status="draft")
    doc = doc or new_document()
    if association is not None:
        doc = {**doc, "association": association.name}
    application.set_doc(link_association(application, doc))
    _refresh_total(application)
    db.session.add(application)
    db.session.commit()
    return application


def quota_reached(owner: User) -> bool:
    """True when `owner` has made APPLICATIONS_PER_DAY new, imported or extension drafts in the last 24 hours."""
    since = utcnow() - timedelta(days=1)
    made = db.session.scalar(db.select(db.func.count(Application.id)).where(
        Application.owner_id == owner.id, Application.created_at >= since))
    return made >= current_app.config["APPLICATIONS_PER_DAY"]


def quota_message() -> str:
    return _("Du har skapat %(n)s ansökningar det senaste dygnet, vilket är högsta antalet. Försök igen i morgon.",
             n=current_app.config["APPLICATIONS_PER_DAY"])


class QuotaReached(ValidationError):
    """No more new applications today: refused like a bad file, but said as one message, not as format errors."""

    def __init__(self, message: str):
        super().__init__([])
        self.args = (message,)
        self.message = message


def _refuse_over_quota(owner: User) -> None:
    if quota_reached(owner):
        raise QuotaReached(quota_message())


def save_document(application: Application, doc: dict, step: str | None = None,
                  validated: appformat.Application | None = None) -> None:
    """Store the document (one transaction) and remember the step as visited.

    `validated` is the caller's validation of exactly this document, when it has one (saves a second pass).
    """
    from builder.associations.service import link_association

    application.set_doc(link_association(application, doc))
    if step:
        application.mark_visited(step)
    if validated is not None:
        application.total = compute_budget(validated.budget).total
    else:
        _refresh_total(application)
    db.session.commit()


def validate(doc: dict) -> tuple[appformat.Application | None, list[FormatError]]:
    """The validated application, or the loader's errors (render them with builder.format_messages)."""
    try:
        return appformat.from_dict(doc), []
    except ValidationError as exc:
        return None, exc.errors


def computed_budget(doc: dict) -> tuple[BudgetTable, list[EffectResult]] | tuple[None, None]:
    """The budget and effects tables of a document, or (None, None) when it does not validate."""
    validated, _errors = validate(doc)
    if validated is None:
        return None, None
    table = compute_budget(validated.budget)
    return table, compute_effects(validated.effects, table.total)


def _refresh_total(application: Application) -> None:
    validated, _ = validate(application.doc)
    application.total = compute_budget(validated.budget).total if validated else None


def _decoded(text: str | bytes):
    """JSON read as the format reads it, every text without control characters; ValidationError otherwise."""
    try:
        return clean_strings(appformat.parse_json(text))
    except RecursionError:  # parse_json may accept a depth that cleaning (or validating) cannot walk
        raise ValidationError([FormatError((), "too_deep")]) from None


def import_document(owner: User, text: str | bytes) -> Application:
    """Create a draft from finsam-application JSON; raises ValidationError, saving nothing."""
    _refuse_over_quota(owner)
    validated = appformat.from_dict(_decoded(text))
    return create_application(owner, appformat.to_dict(validated))


def baseline_draft(owner: User, baseline_json: str, title: str) -> Application:
    """A new extension draft whose baseline is `baseline_json` (read like an imported file); raises ValidationError."""
    _refuse_over_quota(owner)
    doc = new_document()
    doc["kind"] = "extension"
    doc["title"] = without_control_characters(title or "").strip()[:appformat.limits.MAX_SHORT_TEXT]
    candidate = {**doc, "title": "-", "period": {"start": "2000-01-01", "end": "2000-01-01"},
                 "budget": {**doc["budget"], "baseline": _decoded(baseline_json)}}
    validated = appformat.from_dict(candidate)  # the placeholder title and period never fail: only the baseline
    if validated.budget.baseline is None:  # "null" is a valid missing baseline, but no table to start from
        raise ValidationError([FormatError(("budget", "baseline"), "required")])
    doc["budget"]["baseline"] = appformat.to_dict(validated)["budget"]["baseline"]
    return create_application(owner, doc)


def invite(application: Application, email: str) -> User | None:
    """Add a registered user as co-applicant at once (restore, tests, scripts); None when no such user.

    The web app never calls this: there the invitee accepts an e-mailed invitation (applications/members.py)."""
    user = find_user(email)
    if user is None or application.is_member(user.id):
        return user
    db.session.add(Collaborator(application_id=application.id, user_id=user.id))
    db.session.commit()
    return user
