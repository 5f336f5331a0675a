"""case handling: case records (diarienummer), per-year counters, meetings, agenda items, case events,
internal and resolved comments

Revision ID: a7a0d0e1a007
Revises: c3a0d0e1a003 (written against b4b8adc63ff2; chained after main's 0006 and 0003 at merge)
Create Date: 2026-12-02 06:40:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'a7a0d0e1a007'
down_revision = 'd4a0d0e1a004'  # chained after the autosave migration at merge
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('case_counters',
    sa.Column('year', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('last', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('year', name='pk_case_counters')
    )
    op.create_table('cases',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('application_id', sa.Integer(), nullable=False),
    sa.Column('number', sa.String(length=100), nullable=False),
    sa.Column('pattern', sa.String(length=100), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('sequence', sa.Integer(), nullable=False),
    sa.Column('officer_id', sa.Integer(), nullable=True),
    sa.Column('due_date', sa.Date(), nullable=True),
    sa.Column('officer_recommendation', sa.String(length=20), nullable=False),
    sa.Column('officer_note', sa.Text(), nullable=False),
    sa.Column('first_submitted_at', sa.DateTime(), nullable=False),
    sa.Column('last_submitted_at', sa.DateTime(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['application_id'], ['applications.id'], name='fk_cases_application_id_applications',
                            ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['officer_id'], ['users.id'], name='fk_cases_officer_id_users'),
    sa.PrimaryKeyConstraint('id', name='pk_cases'),
    sa.UniqueConstraint('application_id', name='uq_cases_application_id'),
    sa.UniqueConstraint('number', name='uq_cases_number'),
    sa.UniqueConstraint('year', 'sequence', name='uq_cases_year_sequence')
    )
    with op.batch_alter_table('cases', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_cases_officer_id'), ['officer_id'], unique=False)

    op.create_table('meetings',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('date', sa.Date(), nullable=False),
    sa.Column('place', sa.String(length=300), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name='fk_meetings_created_by_id_users'),
    sa.PrimaryKeyConstraint('id', name='pk_meetings')
    )
    with op.batch_alter_table('meetings', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_meetings_date'), ['date'], unique=False)

    op.create_table('agenda_items',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('meeting_id', sa.Integer(), nullable=False),
    sa.Column('application_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('version_number', sa.Integer(), nullable=True),
    sa.Column('added_at', sa.DateTime(), nullable=False),
    sa.Column('recommendation', sa.String(length=20), nullable=False),
    sa.Column('recommendation_note', sa.Text(), nullable=False),
    sa.Column('decision', sa.String(length=20), nullable=False),
    sa.Column('paragraph', sa.String(length=20), nullable=False),
    sa.Column('decision_date', sa.Date(), nullable=True),
    sa.Column('amounts', sa.Text(), nullable=False),
    sa.Column('conditions', sa.Text(), nullable=False),
    sa.Column('recorded_by_id', sa.Integer(), nullable=True),
    sa.Column('recorded_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['application_id'], ['applications.id'],
                            name='fk_agenda_items_application_id_applications', ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['meeting_id'], ['meetings.id'], name='fk_agenda_items_meeting_id_meetings',
                            ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['recorded_by_id'], ['users.id'], name='fk_agenda_items_recorded_by_id_users'),
    sa.PrimaryKeyConstraint('id', name='pk_agenda_items'),
    sa.UniqueConstraint('meeting_id', 'application_id', name='uq_agenda_items_meeting_id_application_id')
    )
    with op.batch_alter_table('agenda_items', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_agenda_items_application_id'), ['application_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_agenda_items_meeting_id'), ['meeting_id'], unique=False)

    op.create_table('case_events',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('application_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=True),
    sa.Column('kind', sa.String(length=30), nullable=False),
    sa.Column('detail', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['application_id'], ['applications.id'],
                            name='fk_case_events_application_id_applications', ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name='fk_case_events_user_id_users'),
    sa.PrimaryKeyConstraint('id', name='pk_case_events')
    )
    with op.batch_alter_table('case_events', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_case_events_application_id'), ['application_id'], unique=False)

    with op.batch_alter_table('comments', schema=None) as batch_op:
        batch_op.add_column(sa.Column('internal', sa.Boolean(), server_default=sa.false(), nullable=False))
        batch_op.add_column(sa.Column('resolved_at', sa.DateTime(), nullable=True))


def downgrade():
    with op.batch_alter_table('comments', schema=None) as batch_op:
        batch_op.drop_column('resolved_at')
        batch_op.drop_column('internal')
    with op.batch_alter_table('case_events', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_case_events_application_id'))
    op.drop_table('case_events')
    with op.batch_alter_table('agenda_items', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_agenda_items_meeting_id'))
        batch_op.drop_index(batch_op.f('ix_agenda_items_application_id'))
    op.drop_table('agenda_items')
    with op.batch_alter_table('meetings', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_meetings_date'))
    op.drop_table('meetings')
    with op.batch_alter_table('cases', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_cases_officer_id'))
    op.drop_table('cases')
    op.drop_table('case_counters')
