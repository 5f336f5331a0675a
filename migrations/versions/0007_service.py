"""service: users' preferred language (for e-mail), co-applicant invitations

Revision ID: f5a0d0e1a005
Revises: a7a0d0e1a007 (written on b4b8adc63ff2; chained after main's head at the merges)
Create Date: 2026-12-02 06:30:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'f5a0d0e1a005'
down_revision = 'a7a0d0e1a007'  # written on b4b8adc63ff2; chained after main's head (cases) at the merge
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.add_column(sa.Column('language', sa.String(length=5), server_default='sv', nullable=False))

    op.create_table('invitations',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('application_id', sa.Integer(), nullable=False),
    sa.Column('email', sa.String(length=254), nullable=False),
    sa.Column('invited_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['application_id'], ['applications.id'], ondelete='CASCADE',
                            name='fk_invitations_application_id_applications'),
    sa.ForeignKeyConstraint(['invited_by_id'], ['users.id'], name='fk_invitations_invited_by_id_users'),
    sa.PrimaryKeyConstraint('id', name='pk_invitations')
    )
    with op.batch_alter_table('invitations', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_invitations_application_id'), ['application_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_invitations_email'), ['email'], unique=False)


def downgrade():
    with op.batch_alter_table('invitations', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_invitations_email'))
        batch_op.drop_index(batch_op.f('ix_invitations_application_id'))

    op.drop_table('invitations')
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_column('language')
