"""The migrations build the models' schema, and constraints carry the naming convention's names."""
from __future__ import annotations

import pytest
import sqlalchemy as sa

from tests.helpers import fresh_pg_database, make_app


def _constraint_names(app) -> set[str]:
    from builder.extensions import db

    with app.app_context():
        inspector = sa.inspect(db.engine)
        names = set()
        for table in db.metadata.tables:
            names.add(inspector.get_pk_constraint(table)["name"])
            names |= {fk["name"] for fk in inspector.get_foreign_keys(table)}
            names |= {uq["name"] for uq in inspector.get_unique_constraints(table)}
        return names


def _model_constraint_names(app) -> set[str]:
    from builder.extensions import db

    return {c.name for table in db.metadata.tables.values() for c in table.constraints
            if isinstance(c, sa.PrimaryKeyConstraint | sa.ForeignKeyConstraint | sa.UniqueConstraint)}


def _upgrade(app, revision: str = "head") -> None:
    from flask_migrate import upgrade

    with app.app_context():
        upgrade(revision=revision)


@pytest.mark.postgres
def test_an_old_postgresql_database_gets_the_conventions_names(monkeypatch, tmp_path):
    """A database made before the convention had PostgreSQL's own names (users_pkey, …)."""
    from builder.extensions import db

    monkeypatch.setenv("FINSAM_INSTANCE", str(tmp_path))
    with fresh_pg_database("finsam_migrate_") as url:
        app = make_app(url)
        convention = db.metadata.naming_convention
        monkeypatch.setattr(db.metadata, "naming_convention", {"ix": "ix_%(column_0_label)s"})
        _upgrade(app, "b4b8adc63ff2")
        before = _constraint_names(app)
        assert "users_pkey" in before and "collaborators_application_id_user_id_key" in before
        monkeypatch.setattr(db.metadata, "naming_convention", convention)
        _upgrade(app)
        assert _constraint_names(app) == _model_constraint_names(app)
        with app.app_context():
            db.engine.dispose()


def test_a_fresh_database_has_the_conventions_names(database_url, monkeypatch, tmp_path):
    from builder.extensions import db

    monkeypatch.setenv("FINSAM_INSTANCE", str(tmp_path))
    app = make_app(database_url)
    with app.app_context():
        db.drop_all()
        with db.engine.begin() as conn:
            conn.execute(sa.text("DROP TABLE IF EXISTS alembic_version"))
    _upgrade(app)
    expected = _model_constraint_names(app)
    if database_url.startswith("sqlite"):  # SQLite keeps the name revision b4b8adc63ff2 gave (see 0006)
        expected = expected - {"fk_applications_parent_id_applications"} | {"fk_applications_parent_id"}
    assert _constraint_names(app) == expected
    with app.app_context():
        db.drop_all()
        with db.engine.begin() as conn:
            conn.execute(sa.text("DROP TABLE IF EXISTS alembic_version"))
        db.engine.dispose()
