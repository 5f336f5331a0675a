"""constraint names from the naming convention (builder/extensions.py NAMING_CONVENTION)

Databases created before the convention have PostgreSQL's default names (users_pkey,
applications_owner_id_fkey, collaborators_application_id_user_id_key); those created after it
have the convention's names. This renames the old ones, so every database has the same names
and a later migration can drop a constraint by name. SQLite keeps its names: a change of a
constraint there recreates the table (batch mode), which finds constraints by their columns.

Revision ID: e6a0c0f1a006
Revises: b4b8adc63ff2
Create Date: 2026-12-02
"""
import sqlalchemy as sa
from alembic import op

revision = 'e6a0c0f1a006'
down_revision = 'b4b8adc63ff2'
branch_labels = None
depends_on = None

# (table, PostgreSQL constraint type, columns, the convention's name)
CONSTRAINTS = (
    ("users", "p", ("id",), "pk_users"),
    ("fee_presets", "p", ("id",), "pk_fee_presets"),
    ("applications", "p", ("id",), "pk_applications"),
    ("applications", "f", ("owner_id",), "fk_applications_owner_id_users"),
    ("applications", "f", ("parent_id",), "fk_applications_parent_id_applications"),
    ("collaborators", "p", ("id",), "pk_collaborators"),
    ("collaborators", "f", ("application_id",), "fk_collaborators_application_id_applications"),
    ("collaborators", "f", ("user_id",), "fk_collaborators_user_id_users"),
    ("collaborators", "u", ("application_id", "user_id"), "uq_collaborators_application_id_user_id"),
    ("application_versions", "p", ("id",), "pk_application_versions"),
    ("application_versions", "f", ("application_id",), "fk_application_versions_application_id_applications"),
    ("application_versions", "f", ("created_by_id",), "fk_application_versions_created_by_id_users"),
    ("application_versions", "u", ("application_id", "number"), "uq_application_versions_application_id_number"),
    ("transitions", "p", ("id",), "pk_transitions"),
    ("transitions", "f", ("application_id",), "fk_transitions_application_id_applications"),
    ("transitions", "f", ("user_id",), "fk_transitions_user_id_users"),
    ("comments", "p", ("id",), "pk_comments"),
    ("comments", "f", ("application_id",), "fk_comments_application_id_applications"),
    ("comments", "f", ("parent_id",), "fk_comments_parent_id_comments"),
    ("comments", "f", ("user_id",), "fk_comments_user_id_users"),
    ("comments", "f", ("version_id",), "fk_comments_version_id_application_versions"),
)
_FIND = sa.text(
    "SELECT c.conname, array_agg(a.attname::text ORDER BY a.attname) FROM pg_constraint c "
    "JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = ANY(c.conkey) "
    "WHERE c.conrelid = to_regclass(:table) AND c.contype = :kind GROUP BY c.conname")


def _rename(names: dict) -> None:
    """On PostgreSQL, give each constraint found by its table, type and columns the name `names` says."""
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return
    for table, kind, columns, convention_name in CONSTRAINTS:
        wanted = names.get(convention_name, convention_name)
        for name, found in bind.execute(_FIND, {"table": table, "kind": kind}).all():
            if tuple(found) == tuple(sorted(columns)) and name != wanted:
                op.execute(f'ALTER TABLE "{table}" RENAME CONSTRAINT "{name}" TO "{wanted}"')


def upgrade():
    _rename({})


def downgrade():
    # Only the name revision b4b8adc63ff2 gave by hand matters for going further down.
    _rename({name: name for *_, name in CONSTRAINTS}
            | {"fk_applications_parent_id_applications": "fk_applications_parent_id"})
