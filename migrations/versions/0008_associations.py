"""associations as tenants, cached list columns, insats years, period reports with outcomes

Revision ID: a8a0d0e1a008
Revises: f5a0d0e1a005
Create Date: 2026-12-02 09:40:00

Today's free-text association on each application becomes an association row; every case and meeting
gets one (the text's, else the only or first association); existing staff accounts become members of
every association, so nobody loses sight of a case; existing admins become platform administrators.
"""
from alembic import op
import sqlalchemy as sa


revision = 'a8a0d0e1a008'
down_revision = 'f5a0d0e1a005'
branch_labels = None
depends_on = None

FALLBACK_NAME = "Samordningsförbundet"
SCALE_SORT_COLUMNS = ('updated_at', 'title', 'association', 'period_start', 'total', 'delta', 'decision_date')


def upgrade():
    op.create_table('associations',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('orgnr', sa.String(length=20), nullable=False),
    sa.Column('case_number_pattern', sa.String(length=100), nullable=False),
    sa.Column('reporting_periods', sa.String(length=100), server_default='04-30,08-31,12-31', nullable=False),
    sa.Column('active', sa.Boolean(), server_default=sa.true(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name='pk_associations'),
    sa.UniqueConstraint('name', name='uq_associations_name')
    )
    op.create_table('association_members',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('association_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['association_id'], ['associations.id'], ondelete='CASCADE',
                            name='fk_association_members_association_id_associations'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], ondelete='CASCADE',
                            name='fk_association_members_user_id_users'),
    sa.PrimaryKeyConstraint('id', name='pk_association_members'),
    sa.UniqueConstraint('association_id', 'user_id', name='uq_association_members_association_id_user_id')
    )
    with op.batch_alter_table('association_members', schema=None) as batch_op:
        batch_op.create_index('ix_association_members_association_id', ['association_id'], unique=False)
        batch_op.create_index('ix_association_members_user_id', ['user_id'], unique=False)
    op.create_table('budget_frames',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('association_id', sa.Integer(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('amount', sa.BigInteger(), nullable=False),
    sa.ForeignKeyConstraint(['association_id'], ['associations.id'], ondelete='CASCADE',
                            name='fk_budget_frames_association_id_associations'),
    sa.PrimaryKeyConstraint('id', name='pk_budget_frames'),
    sa.UniqueConstraint('association_id', 'year', name='uq_budget_frames_association_id_year')
    )
    with op.batch_alter_table('budget_frames', schema=None) as batch_op:
        batch_op.create_index('ix_budget_frames_association_id', ['association_id'], unique=False)

    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.add_column(sa.Column('platform_admin', sa.Boolean(), server_default=sa.false(), nullable=False))
    with op.batch_alter_table('applications', schema=None) as batch_op:
        batch_op.add_column(sa.Column('association_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('delta', sa.BigInteger(), nullable=True))
        batch_op.add_column(sa.Column('period_start', sa.String(length=10), server_default='', nullable=False))
        batch_op.add_column(sa.Column('period_end', sa.String(length=10), server_default='', nullable=False))
        batch_op.add_column(sa.Column('parties_text', sa.String(length=2000), server_default='', nullable=False))
        batch_op.create_foreign_key('fk_applications_association_id_associations', 'associations',
                                    ['association_id'], ['id'])
        batch_op.create_index('ix_applications_association_id', ['association_id'], unique=False)
        batch_op.create_index('ix_applications_association_id_status', ['association_id', 'status'], unique=False)
    with op.batch_alter_table('cases', schema=None) as batch_op:
        batch_op.add_column(sa.Column('association_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('focus', sa.String(length=30), server_default='', nullable=False))
        batch_op.add_column(sa.Column('target_group', sa.String(length=300), server_default='', nullable=False))
    with op.batch_alter_table('meetings', schema=None) as batch_op:
        batch_op.add_column(sa.Column('association_id', sa.Integer(), nullable=True))

    _move_data()
    _list_columns(op.get_bind())

    with op.batch_alter_table('cases', schema=None) as batch_op:
        batch_op.alter_column('association_id', existing_type=sa.Integer(), nullable=False)
        batch_op.drop_constraint('uq_cases_number', type_='unique')
        batch_op.drop_constraint('uq_cases_year_sequence', type_='unique')
        batch_op.create_unique_constraint('uq_cases_association_id_year_sequence',
                                          ['association_id', 'year', 'sequence'])
        batch_op.create_unique_constraint('uq_cases_association_id_number', ['association_id', 'number'])
        batch_op.create_foreign_key('fk_cases_association_id_associations', 'associations',
                                    ['association_id'], ['id'])
        batch_op.create_index('ix_cases_association_id', ['association_id'], unique=False)
    with op.batch_alter_table('meetings', schema=None) as batch_op:
        batch_op.alter_column('association_id', existing_type=sa.Integer(), nullable=False)
        batch_op.create_foreign_key('fk_meetings_association_id_associations', 'associations',
                                    ['association_id'], ['id'])
        batch_op.create_index('ix_meetings_association_id', ['association_id'], unique=False)

    # Counters per association and year, continuing from the numbers already given.
    op.drop_table('case_counters')
    op.create_table('case_counters',
    sa.Column('association_id', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('year', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('last', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['association_id'], ['associations.id'], ondelete='CASCADE',
                            name='fk_case_counters_association_id_associations'),
    sa.PrimaryKeyConstraint('association_id', 'year', name='pk_case_counters')
    )
    op.execute("INSERT INTO case_counters (association_id, year, last) "
               "SELECT association_id, year, MAX(sequence) FROM cases GROUP BY association_id, year")

    op.create_table('insats_years',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('application_id', sa.Integer(), nullable=False),
    sa.Column('association_id', sa.Integer(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('approved_amount', sa.BigInteger(), nullable=False),
    sa.Column('planned_participants', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['application_id'], ['applications.id'], ondelete='CASCADE',
                            name='fk_insats_years_application_id_applications'),
    sa.ForeignKeyConstraint(['association_id'], ['associations.id'],
                            name='fk_insats_years_association_id_associations'),
    sa.PrimaryKeyConstraint('id', name='pk_insats_years'),
    sa.UniqueConstraint('application_id', 'year', name='uq_insats_years_application_id_year')
    )
    with op.batch_alter_table('insats_years', schema=None) as batch_op:
        batch_op.create_index('ix_insats_years_application_id', ['application_id'], unique=False)
        batch_op.create_index('ix_insats_years_association_id_year', ['association_id', 'year'], unique=False)

    op.create_table('period_reports',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('application_id', sa.Integer(), nullable=False),
    sa.Column('association_id', sa.Integer(), nullable=False),
    sa.Column('version_number', sa.Integer(), nullable=True),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('period_end', sa.Date(), nullable=False),
    sa.Column('kind', sa.String(length=10), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('answers', sa.Text(), nullable=False),
    *[sa.Column(f'{stage}_{sex}', sa.Integer(), server_default='0', nullable=False)
      for stage in ('started', 'ongoing', 'finished') for sex in ('women', 'men', 'other')],
    sa.Column('submitted_at', sa.DateTime(), nullable=True),
    sa.Column('submitted_by_id', sa.Integer(), nullable=True),
    sa.Column('decided_at', sa.DateTime(), nullable=True),
    sa.Column('decided_by_id', sa.Integer(), nullable=True),
    sa.Column('lock_version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['application_id'], ['applications.id'], ondelete='CASCADE',
                            name='fk_period_reports_application_id_applications'),
    sa.ForeignKeyConstraint(['association_id'], ['associations.id'],
                            name='fk_period_reports_association_id_associations'),
    sa.ForeignKeyConstraint(['submitted_by_id'], ['users.id'], name='fk_period_reports_submitted_by_id_users'),
    sa.ForeignKeyConstraint(['decided_by_id'], ['users.id'], name='fk_period_reports_decided_by_id_users'),
    sa.PrimaryKeyConstraint('id', name='pk_period_reports'),
    sa.UniqueConstraint('application_id', 'period_end', name='uq_period_reports_application_id_period_end')
    )
    with op.batch_alter_table('period_reports', schema=None) as batch_op:
        batch_op.create_index('ix_period_reports_application_id', ['application_id'], unique=False)
        batch_op.create_index('ix_period_reports_association_id_year', ['association_id', 'year'], unique=False)

    op.create_table('outcome_rows',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('report_id', sa.Integer(), nullable=False),
    sa.Column('row_key', sa.String(length=40), nullable=False),
    sa.Column('party', sa.String(length=200), nullable=False),
    sa.Column('label', sa.String(length=300), nullable=False),
    sa.Column('amount', sa.BigInteger(), nullable=False),
    sa.Column('forecast', sa.BigInteger(), nullable=True),
    sa.ForeignKeyConstraint(['report_id'], ['period_reports.id'], ondelete='CASCADE',
                            name='fk_outcome_rows_report_id_period_reports'),
    sa.PrimaryKeyConstraint('id', name='pk_outcome_rows'),
    sa.UniqueConstraint('report_id', 'row_key', name='uq_outcome_rows_report_id_row_key')
    )
    with op.batch_alter_table('outcome_rows', schema=None) as batch_op:
        batch_op.create_index('ix_outcome_rows_report_id', ['report_id'], unique=False)

    op.create_table('report_events',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('report_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=True),
    sa.Column('action', sa.String(length=30), nullable=False),
    sa.Column('from_status', sa.String(length=20), nullable=False),
    sa.Column('to_status', sa.String(length=20), nullable=False),
    sa.Column('comment', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['report_id'], ['period_reports.id'], ondelete='CASCADE',
                            name='fk_report_events_report_id_period_reports'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name='fk_report_events_user_id_users'),
    sa.PrimaryKeyConstraint('id', name='pk_report_events')
    )
    with op.batch_alter_table('report_events', schema=None) as batch_op:
        batch_op.create_index('ix_report_events_report_id', ['report_id'], unique=False)

    op.create_table('report_comments',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('report_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=True),
    sa.Column('target', sa.String(length=100), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('internal', sa.Boolean(), server_default=sa.false(), nullable=False),
    sa.Column('resolved_at', sa.DateTime(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['report_id'], ['period_reports.id'], ondelete='CASCADE',
                            name='fk_report_comments_report_id_period_reports'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name='fk_report_comments_user_id_users'),
    sa.PrimaryKeyConstraint('id', name='pk_report_comments')
    )
    with op.batch_alter_table('report_comments', schema=None) as batch_op:
        batch_op.create_index('ix_report_comments_report_id', ['report_id'], unique=False)

    # --- national ---
    # A year's outcome is SUM(amount) over a few reports' rows: this index answers it without the table.
    with op.batch_alter_table('outcome_rows', schema=None) as batch_op:
        batch_op.create_index('ix_outcome_rows_report_id_amount', ['report_id', 'amount'], unique=False)

    # --- followup ---
    with op.batch_alter_table('period_reports', schema=None) as batch_op:
        batch_op.add_column(sa.Column('typed_input', sa.Text(), nullable=True))

    # --- scale ---
    # The reviewer list sorts and pages in SQL: an index per sort key, the id breaking ties. The cached
    # total and delta of rows written before this release: `flask --app wsgi applications refresh-figures`.
    with op.batch_alter_table('applications', schema=None) as batch_op:
        for column in SCALE_SORT_COLUMNS:
            batch_op.create_index(f'ix_applications_list_{column}', [column, 'id'], unique=False)


def _move_data():
    """Free text → association rows; cases, meetings and staff attached; admins become platform admins."""
    bind = op.get_bind()
    now = sa.func.now()
    associations = sa.table('associations', sa.column('id', sa.Integer), sa.column('name', sa.String),
                            sa.column('orgnr', sa.String), sa.column('case_number_pattern', sa.String),
                            sa.column('created_at', sa.DateTime))
    pattern = _case_pattern(bind)
    names = [row[0].strip()[:200] for row in bind.execute(sa.text(
        "SELECT DISTINCT association FROM applications WHERE TRIM(association) <> ''"))]
    names = sorted(set(filter(None, names)))
    has_cases = bind.execute(sa.text("SELECT COUNT(*) FROM cases")).scalar() > 0
    has_meetings = bind.execute(sa.text("SELECT COUNT(*) FROM meetings")).scalar() > 0
    if not names and (has_cases or has_meetings):
        names = [FALLBACK_NAME]
    for name in names:
        bind.execute(associations.insert().values(name=name, orgnr='', case_number_pattern=pattern,
                                                  created_at=now))
    ids = {name: id_ for id_, name in bind.execute(sa.text("SELECT id, name FROM associations"))}
    if not ids:
        return
    first = min(ids.values())
    for name, id_ in ids.items():
        bind.execute(sa.text("UPDATE applications SET association_id = :id WHERE TRIM(association) = :name"),
                     {"id": id_, "name": name})
    # A case whose application had no association text belongs to the first association.
    bind.execute(sa.text("UPDATE applications SET association_id = :id WHERE association_id IS NULL AND id IN "
                         "(SELECT application_id FROM cases)"), {"id": first})
    bind.execute(sa.text("UPDATE cases SET association_id = (SELECT association_id FROM applications "
                         "WHERE applications.id = cases.application_id)"))
    bind.execute(sa.text(
        "UPDATE meetings SET association_id = (SELECT MIN(applications.association_id) FROM agenda_items "
        "JOIN applications ON applications.id = agenda_items.application_id "
        "WHERE agenda_items.meeting_id = meetings.id)"))
    bind.execute(sa.text("UPDATE meetings SET association_id = :id WHERE association_id IS NULL"), {"id": first})
    for id_ in ids.values():
        bind.execute(sa.text("INSERT INTO association_members (association_id, user_id, created_at) "
                             "SELECT :id, id, CURRENT_TIMESTAMP FROM users "
                             "WHERE role IN ('reviewer', 'finance', 'admin')"), {"id": id_})
    bind.execute(sa.text("UPDATE users SET platform_admin = :yes WHERE role = 'admin'"), {"yes": True})


def _list_columns(bind):
    """The period and the party names each list shows, read from the stored documents."""
    import json

    rows = bind.execute(sa.text("SELECT id, document FROM applications")).fetchall()
    for id_, document in rows:
        try:
            doc = json.loads(document)
        except ValueError:
            continue
        if not isinstance(doc, dict):
            continue
        period = doc.get("period") if isinstance(doc.get("period"), dict) else {}
        parties = doc.get("parties") if isinstance(doc.get("parties"), list) else []
        bind.execute(sa.text("UPDATE applications SET period_start = :s, period_end = :e, parties_text = :p "
                             "WHERE id = :id"),
                     {"id": id_, "s": str(period.get("start") or "")[:10], "e": str(period.get("end") or "")[:10],
                      "p": ", ".join(str(p.get("name", "")) for p in parties if isinstance(p, dict))[:2000]})


def _case_pattern(bind) -> str:
    import os

    return (os.environ.get("CASE_NUMBER_PATTERN") or "FINSAM {year}/{n}")[:100]


def downgrade():
    # --- scale ---
    with op.batch_alter_table('applications', schema=None) as batch_op:
        for column in reversed(SCALE_SORT_COLUMNS):
            batch_op.drop_index(f'ix_applications_list_{column}')

    # --- national ---
    with op.batch_alter_table('outcome_rows', schema=None) as batch_op:
        batch_op.drop_index('ix_outcome_rows_report_id_amount')

    # --- followup ---
    with op.batch_alter_table('period_reports', schema=None) as batch_op:
        batch_op.drop_column('typed_input')

    for table in ('report_comments', 'report_events', 'outcome_rows', 'period_reports', 'insats_years'):
        op.drop_table(table)
    op.drop_table('case_counters')
    op.create_table('case_counters',
    sa.Column('year', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('last', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('year', name='pk_case_counters')
    )
    op.execute("INSERT INTO case_counters (year, last) SELECT year, MAX(sequence) FROM cases GROUP BY year")
    with op.batch_alter_table('meetings', schema=None) as batch_op:
        batch_op.drop_index('ix_meetings_association_id')
        batch_op.drop_constraint('fk_meetings_association_id_associations', type_='foreignkey')
        batch_op.drop_column('association_id')
    with op.batch_alter_table('cases', schema=None) as batch_op:
        batch_op.drop_index('ix_cases_association_id')
        batch_op.drop_constraint('fk_cases_association_id_associations', type_='foreignkey')
        batch_op.drop_constraint('uq_cases_association_id_number', type_='unique')
        batch_op.drop_constraint('uq_cases_association_id_year_sequence', type_='unique')
        batch_op.create_unique_constraint('uq_cases_year_sequence', ['year', 'sequence'])
        batch_op.create_unique_constraint('uq_cases_number', ['number'])
        batch_op.drop_column('target_group')
        batch_op.drop_column('focus')
        batch_op.drop_column('association_id')
    with op.batch_alter_table('applications', schema=None) as batch_op:
        batch_op.drop_index('ix_applications_association_id_status')
        batch_op.drop_index('ix_applications_association_id')
        batch_op.drop_constraint('fk_applications_association_id_associations', type_='foreignkey')
        for column in ('parties_text', 'period_end', 'period_start', 'delta', 'association_id'):
            batch_op.drop_column(column)
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_column('platform_admin')
    for table in ('budget_frames', 'association_members', 'associations'):
        op.drop_table(table)
