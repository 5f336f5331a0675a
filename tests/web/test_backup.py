"""Backup and restore: the same applications, versions, comments, history and fingerprints."""
from __future__ import annotations

import json

from flask.testing import FlaskCliRunner

from builder.extensions import db
from builder.models import Application, User


def test_backup_restore_round_trip(app_factory, make_user, make_application, hela_doc, tmp_path):
    source = app_factory()
    from builder.auth.service import create_user
    from builder.review.service import add_comment, apply_transition

    with source.app_context():
        owner = create_user("agare@example.se", "correct horse battery", "applicant")
        reviewer = create_user("granskare@example.se", "correct horse battery", "reviewer")
        create_user("medsokande@example.se", "correct horse battery", "applicant")
        from builder.applications.service import create_application, invite

        application = create_application(owner, hela_doc)
        invite(application, "medsokande@example.se")  # a reviewer who is a co-applicant could not decide
        apply_transition(application, "submit", owner, "v1")
        first = add_comment(application, reviewer, "Fråga om budgeten", "budget")
        add_comment(application, owner, "Svar", parent=first)
        apply_transition(application, "approve", reviewer, "ok",
                         {"date": None, "body": "Styrelsen", "approved_total": 4726127})
        before = _summary()
    backup = tmp_path / "backup.json"
    result = FlaskCliRunner(source).invoke(args=["backup", str(backup)])
    assert result.exit_code == 0, result.output
    data = json.loads(backup.read_text(encoding="utf-8"))
    assert data["format"] == "finsam-backup"

    target = app_factory()  # same database URL, dropped and created again: empty
    runner = FlaskCliRunner(target)
    result = runner.invoke(args=["restore", str(backup)])
    assert result.exit_code == 0, result.output
    with target.app_context():
        assert _summary() == before
    again = runner.invoke(args=["restore", str(backup)])
    assert again.exit_code == 2 and "not empty" in again.output


def test_restore_refuses_other_files(app, tmp_path):
    bad = tmp_path / "x.json"
    bad.write_text('{"format": "something-else"}', encoding="utf-8")
    result = FlaskCliRunner(app).invoke(args=["restore", str(bad)])
    assert result.exit_code == 2
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count(User.id))) == 0


def _summary():
    out = []
    for a in db.session.scalars(db.select(Application).order_by(Application.id)):
        out.append((a.owner.email, a.status, a.title, a.approved_total, a.total,
                    [(v.number, v.fingerprint, v.total) for v in a.versions],
                    [(t.from_status, t.to_status, t.comment, t.user.email) for t in a.transitions],
                    [(c.target, c.body, c.user.email, c.version.number if c.version else None,
                      bool(c.parent_id)) for c in a.comments],
                    sorted(c.user.email for c in a.collaborators), a.document))
    return out
