"""Migration 0008 turns the free-text associations into association rows without losing a case
(on SQLite and PostgreSQL): numbers kept, counters continue per association, staff become members."""
from __future__ import annotations

from datetime import UTC, date, datetime

import sqlalchemy as sa

from tests.helpers import make_app

BEFORE = "f5a0d0e1a005"  # the revision before 0008


def _upgrade(app, revision: str = "head") -> None:
    from flask_migrate import upgrade

    with app.app_context():
        upgrade(revision=revision)


def _fresh(app) -> None:
    from builder.extensions import db

    with app.app_context():
        db.drop_all()
        with db.engine.begin() as conn:
            conn.execute(sa.text("DROP TABLE IF EXISTS alembic_version"))
        db.session.remove()


def _filler(column):
    """A value for a NOT NULL column the test does not care about."""
    kind = column.type
    if isinstance(kind, sa.Boolean):
        return True
    if isinstance(kind, sa.Integer | sa.BigInteger | sa.Numeric):
        return 0
    if isinstance(kind, sa.DateTime):
        return datetime(2026, 3, 1, 12, 0, tzinfo=UTC).replace(tzinfo=None)
    if isinstance(kind, sa.Date):
        return date(2026, 3, 1)
    return ""


def _insert(conn, table: str, **values) -> int:
    """Insert a row into the table as it is at this revision (reflected), filling required columns."""
    reflected = sa.Table(table, sa.MetaData(), autoload_with=conn)
    for column in reflected.columns:
        if column.name not in values and not column.nullable and column.server_default is None \
                and not (column.primary_key and isinstance(column.type, sa.Integer) and column.name == "id"):
            values[column.name] = _filler(column)
    result = conn.execute(reflected.insert().values(**values))
    return result.inserted_primary_key[0] if result.inserted_primary_key else 0


def test_free_text_associations_become_associations_and_no_case_is_lost(database_url, monkeypatch, tmp_path):
    from builder.extensions import db

    monkeypatch.setenv("FINSAM_INSTANCE", str(tmp_path))
    app = make_app(database_url)
    _fresh(app)
    _upgrade(app, BEFORE)
    with app.app_context(), db.engine.begin() as conn:
        people = {role: _insert(conn, "users", email=f"{role}@example.se", role=role, name=role.title(),
                                password_hash="x", active=True)
                  for role in ("applicant", "reviewer", "finance", "admin")}
        apps = {}
        for key, text, status in (("alfa", "Förbundet Alfa", "submitted"), ("beta", "  Förbundet Beta ", "approved"),
                                  ("empty", "", "submitted"), ("draft", "", "draft"),
                                  ("alfa_draft", "Förbundet Alfa", "draft")):
            apps[key] = _insert(conn, "applications", owner_id=people["applicant"], title=f"Projekt {key}",
                                status=status, association=text, document=f'{{"title": "Projekt {key}"}}',
                                kind="new", lock_version=1)
        for sequence, key in enumerate(("alfa", "beta", "empty"), start=1):
            _insert(conn, "cases", application_id=apps[key], number=f"FINSAM 2026/{sequence}",
                    pattern="FINSAM {year}/{n}", year=2026, sequence=sequence)
        _insert(conn, "cases", application_id=apps["alfa_draft"], number="FINSAM 2025/7",
                pattern="FINSAM {year}/{n}", year=2025, sequence=7)
        _insert(conn, "case_counters", year=2026, last=3)
        _insert(conn, "case_counters", year=2025, last=7)
        meeting = _insert(conn, "meetings", kind="styrelse", date=date(2026, 5, 1), place="Kansliet")
        _insert(conn, "agenda_items", meeting_id=meeting, application_id=apps["beta"], position=1)
        empty_meeting = _insert(conn, "meetings", kind="beredning", date=date(2026, 4, 1), place="Kansliet")
    _upgrade(app)

    from builder.associations.service import association_ids
    from builder.cases.models import Case, CaseCounter, Meeting
    from builder.cases.service import _draw_sequence
    from builder.models import Application, Association, User

    with app.app_context():
        associations = {a.name: a.id for a in db.session.scalars(sa.select(Association))}
        assert set(associations) == {"Förbundet Alfa", "Förbundet Beta"}
        alfa, beta = associations["Förbundet Alfa"], associations["Förbundet Beta"]
        application = {key: db.session.get(Application, id_) for key, id_ in apps.items()}
        assert {k: a.association_id for k, a in application.items()} == {
            "alfa": alfa, "beta": beta, "empty": alfa, "draft": None, "alfa_draft": alfa}  # a case: the first one
        cases = {c.application_id: (c.number, c.association_id, c.year, c.sequence)
                 for c in db.session.scalars(sa.select(Case))}
        assert cases == {apps["alfa"]: ("FINSAM 2026/1", alfa, 2026, 1), apps["beta"]: ("FINSAM 2026/2", beta, 2026, 2),
                         apps["empty"]: ("FINSAM 2026/3", alfa, 2026, 3),
                         apps["alfa_draft"]: ("FINSAM 2025/7", alfa, 2025, 7)}
        counters = {(c.association_id, c.year): c.last for c in db.session.scalars(sa.select(CaseCounter))}
        assert counters == {(alfa, 2026): 3, (beta, 2026): 2, (alfa, 2025): 7}
        meetings = {m.id: m.association_id for m in db.session.scalars(sa.select(Meeting))}
        assert meetings == {meeting: beta, empty_meeting: alfa}  # by its agenda, else the first association
        users = {u.role: u for u in db.session.scalars(sa.select(User))}
        for role in ("reviewer", "finance", "admin"):
            assert sorted(association_ids(users[role])) == sorted([alfa, beta]), role
        assert association_ids(users["applicant"]) == []
        assert {r: u.platform_admin for r, u in users.items()} == {"applicant": False, "reviewer": False,
                                                                   "finance": False, "admin": True}
        # the counters continue: the next number drawn is the highest given + 1, per association and year
        assert (_draw_sequence(beta, 2026), _draw_sequence(alfa, 2026), _draw_sequence(alfa, 2025)) == (3, 4, 8)
        assert _draw_sequence(beta, 2027) == 1
        db.session.rollback()
    _fresh(app)
    with app.app_context():
        db.engine.dispose()
