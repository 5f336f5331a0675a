"""Backup and restore: every application with its versions, comments and history, in portable JSON."""
from __future__ import annotations

import json
from datetime import date, datetime

from builder.cases.backup import dump_case_handling, restore_case_handling
from builder.extensions import db
from builder.followup.backup import dump_followup, restore_followup
from builder.models import (
    Application,
    ApplicationVersion,
    Association,
    AssociationMember,
    BudgetFrame,
    Collaborator,
    Comment,
    FeePreset,
    Transition,
    User,
)

BACKUP_FORMAT = "finsam-backup"
BACKUP_VERSION = 1


class RestoreError(Exception):
    pass


def _when(value: datetime | date | None) -> str | None:
    return value.isoformat() if value else None


def _email(user: User | None) -> str | None:
    return user.email if user else None


def dump_all() -> dict:
    """Everything needed to rebuild the database elsewhere (password hashes included)."""
    users = db.session.scalars(db.select(User).order_by(User.id)).all()
    applications = db.session.scalars(db.select(Application).order_by(Application.id)).all()
    return {
        "format": BACKUP_FORMAT, "version": BACKUP_VERSION,
        "users": [{"email": u.email, "name": u.name, "role": u.role, "active": u.active,
                   "platform_admin": u.platform_admin,
                   "password_hash": u.password_hash, "created_at": _when(u.created_at)} for u in users],
        "associations": [_dump_association(a) for a in
                         db.session.scalars(db.select(Association).order_by(Association.id))],
        "fee_presets": [{"label": p.label, "rate": p.rate, "source": p.source, "position": p.position,
                         "party_kind": p.party_kind, "year": p.year}
                        for p in db.session.scalars(db.select(FeePreset).order_by(FeePreset.position))],
        "applications": [_dump_application(a) for a in applications],
        "case_handling": dump_case_handling(),
        "followup": dump_followup(),
    }


def _dump_association(a: Association) -> dict:
    return {"name": a.name, "orgnr": a.orgnr, "case_number_pattern": a.case_number_pattern,
            "reporting_periods": a.reporting_periods, "active": a.active, "created_at": _when(a.created_at),
            "members": sorted(m.user.email for m in a.members),
            "frames": [{"year": f.year, "amount": f.amount} for f in a.frames]}


def _restore_associations(data: list, users: dict) -> dict[str, Association]:
    """The backup's associations by name (one already here with the name takes the backup's settings)."""
    from builder.associations.service import by_name

    restored = {}
    for a in data:
        association = by_name(a["name"])
        if association is None:
            association = Association(name=a["name"])
            db.session.add(association)
        association.orgnr, association.case_number_pattern = a["orgnr"], a["case_number_pattern"]
        association.reporting_periods, association.active = a["reporting_periods"], bool(a["active"])
        created = _dt(a.get("created_at"))
        if created is not None:
            association.created_at = created
        db.session.flush()
        for email in a["members"]:
            db.session.add(AssociationMember(association_id=association.id, user_id=users[email].id))
        for f in a["frames"]:
            db.session.add(BudgetFrame(association_id=association.id, year=int(f["year"]), amount=int(f["amount"])))
        restored[association.name] = association
    db.session.flush()
    return restored


def _bridge_old_backup(users: dict) -> None:
    """A backup made before associations, restored as migration 0008 moves such a database: every staff
    account works for every association, and admins run the installation."""
    db.session.flush()
    every = db.session.scalars(db.select(Association)).all()
    for user in users.values():
        if user.role in ("reviewer", "finance", "admin"):
            for association in every:
                db.session.add(AssociationMember(association_id=association.id, user_id=user.id))
        if user.role == "admin":
            user.platform_admin = True


def _dump_application(a: Application) -> dict:
    comment_index: dict[int | None, int] = {c.id: i for i, c in enumerate(a.comments)}
    return {
        "key": a.id, "owner": a.owner.email, "status": a.status, "document": json.loads(a.document),
        "association": a.association_ref.name if a.association_ref is not None else None,
        "steps_visited": a.steps_visited, "step_input": a.step_input, "parent_key": a.parent_id,
        "approved_total": a.approved_total,
        "decision_date": _when(a.decision_date), "decision_body": a.decision_body,
        "created_at": _when(a.created_at), "updated_at": _when(a.updated_at),
        "collaborators": [c.user.email for c in a.collaborators],
        "versions": [{"number": v.number, "document": json.loads(v.document), "fingerprint": v.fingerprint,
                      "total": v.total, "created_by": _email(v.created_by), "created_at": _when(v.created_at)}
                     for v in a.versions],
        "transitions": [{"action": t.action, "from": t.from_status, "to": t.to_status, "comment": t.comment,
                         "version_number": t.version_number, "user": _email(t.user),
                         "created_at": _when(t.created_at)} for t in a.transitions],
        "comments": [{"target": c.target, "body": c.body, "user": _email(c.user),
                      "version_number": c.version.number if c.version else None,
                      "parent": comment_index.get(c.parent_id), "created_at": _when(c.created_at),
                      "internal": c.internal, "resolved_at": _when(c.resolved_at)}
                     for c in a.comments],
    }


def _dt(text: str | None) -> datetime | None:
    return datetime.fromisoformat(text) if text else None


def restore_all(data: dict) -> int:
    """Load a backup into an empty database (one transaction); returns the number of applications."""
    if not isinstance(data, dict) or data.get("format") != BACKUP_FORMAT or data.get("version") != BACKUP_VERSION:
        raise RestoreError(f'not a {BACKUP_FORMAT} version {BACKUP_VERSION} file')
    if db.session.scalar(db.select(db.func.count(User.id))) or \
            db.session.scalar(db.select(db.func.count(Application.id))):
        raise RestoreError("the database is not empty; restore only into an empty database")
    try:
        users = {}
        for u in data["users"]:
            users[u["email"]] = User(email=u["email"], name=u["name"], role=u["role"], active=u["active"],
                                     password_hash=u["password_hash"], created_at=_dt(u["created_at"]),
                                     platform_admin=bool(u.get("platform_admin", False)))
            db.session.add(users[u["email"]])
        for p in data.get("fee_presets", []):
            db.session.add(FeePreset(**p))
        db.session.flush()
        associations = _restore_associations(data.get("associations", []), users)
        keys = {}
        for a in data["applications"]:
            keys[a["key"]] = _restore_application(a, users, associations)
        for a in data["applications"]:
            if a.get("parent_key") is not None:
                keys[a["key"]].parent_id = keys[a["parent_key"]].id
        db.session.flush()
        restore_case_handling(data.get("case_handling"), users, keys)
        restore_followup(data.get("followup"), users, keys)
        if "associations" not in data:
            _bridge_old_backup(users)
        db.session.commit()
    except (KeyError, TypeError, ValueError) as exc:
        db.session.rollback()
        raise RestoreError(f"damaged backup: {exc!r}") from None
    return len(data["applications"])


def _restore_application(a: dict, users: dict, associations: dict[str, Association]) -> Application:
    def user_id(email):
        return (users[email].id if email in users else None)
    application = Application(owner_id=users[a["owner"]].id, status=a["status"], steps_visited=a["steps_visited"],
                              approved_total=a["approved_total"], decision_body=a["decision_body"],
                              decision_date=date.fromisoformat(a["decision_date"]) if a["decision_date"] else None,
                              created_at=_dt(a["created_at"]), total=None, step_input=a.get("step_input"))
    application.set_doc(a["document"])
    if a.get("association") is not None:
        application.association_id = associations[a["association"]].id
    elif "association" not in a and application.association.strip():
        # a backup made before associations: its text becomes an association, as migration 0008 does
        from builder.associations.service import ensure_association

        application.association_id = ensure_association(application.association).id
    db.session.add(application)
    db.session.flush()
    from builder.applications.service import _refresh_total

    _refresh_total(application)
    for email in a["collaborators"]:
        db.session.add(Collaborator(application_id=application.id, user_id=users[email].id))
    versions = {}
    for v in a["versions"]:
        versions[v["number"]] = ApplicationVersion(
            application_id=application.id, number=v["number"], fingerprint=v["fingerprint"], total=v["total"],
            document=json.dumps(v["document"], ensure_ascii=False), created_by_id=user_id(v["created_by"]),
            created_at=_dt(v["created_at"]))
        db.session.add(versions[v["number"]])
    for t in a["transitions"]:
        db.session.add(Transition(application_id=application.id, action=t["action"], from_status=t["from"],
                                  to_status=t["to"], comment=t["comment"], version_number=t["version_number"],
                                  user_id=user_id(t["user"]), created_at=_dt(t["created_at"])))
    db.session.flush()
    comments: list[Comment] = []
    for c in a["comments"]:
        version = versions.get(c["version_number"])
        comment = Comment(application_id=application.id, target=c["target"], body=c["body"],
                          user_id=user_id(c["user"]), version_id=version.id if version else None,
                          parent_id=comments[c["parent"]].id if c["parent"] is not None else None,
                          created_at=_dt(c["created_at"]), internal=bool(c.get("internal", False)),
                          resolved_at=_dt(c.get("resolved_at")))
        db.session.add(comment)
        db.session.flush()
        comments.append(comment)
    return application
