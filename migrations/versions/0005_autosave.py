"""autosave: typed step input kept with the draft, the saving tab's token; fee presets per party kind

Revision ID: d4a0d0e1a004
Revises: c3a0d0e1a003
Create Date: 2026-12-02 06:30:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'd4a0d0e1a004'
down_revision = 'c3a0d0e1a003'  # chained after main's head at the merge (was b4b8adc63ff2)
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('applications', schema=None) as batch_op:
        batch_op.add_column(sa.Column('step_input', sa.Text(), nullable=True))
        batch_op.add_column(sa.Column('editor_token', sa.String(length=32), nullable=True))
    with op.batch_alter_table('fee_presets', schema=None) as batch_op:
        batch_op.add_column(sa.Column('party_kind', sa.String(length=30), nullable=True))
        batch_op.add_column(sa.Column('year', sa.Integer(), nullable=True))
    # The presets seeded before this revision: SKR's municipality and region figures by their labels.
    op.execute("UPDATE fee_presets SET party_kind = 'municipality' WHERE label LIKE 'Kommun%'")
    op.execute("UPDATE fee_presets SET party_kind = 'region' WHERE label LIKE 'Region%'")


def downgrade():
    with op.batch_alter_table('fee_presets', schema=None) as batch_op:
        batch_op.drop_column('year')
        batch_op.drop_column('party_kind')
    with op.batch_alter_table('applications', schema=None) as batch_op:
        batch_op.drop_column('editor_token')
        batch_op.drop_column('step_input')
