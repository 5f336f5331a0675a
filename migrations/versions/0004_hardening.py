"""hardening: a session generation per user (logout ends every copy of the session cookie)

Revision ID: c3a0d0e1a003
Revises: e6a0c0f1a006
Create Date: 2026-12-02 06:30:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'c3a0d0e1a003'
down_revision = 'e6a0c0f1a006'  # was b4b8adc63ff2; chained after main's naming-convention migration at merge
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.add_column(sa.Column('session_generation', sa.Integer(), server_default='0', nullable=False))


def downgrade():
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_column('session_generation')
