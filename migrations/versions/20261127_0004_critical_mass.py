"""critical mass: when each candidate reached (or lost) the table's threshold

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-27 12:00:00
"""
from alembic import op
import sqlalchemy as sa
import portal.db


revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('critical_mass_states',
    sa.Column('table_id', sa.Integer(), nullable=False),
    sa.Column('candidate_id', sa.Integer(), nullable=False),
    sa.Column('reached_at', portal.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('lost_at', portal.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('backers', sa.Integer(), nullable=False),
    sa.Column('updated_at', portal.db.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['candidate_id'], ['candidates.id'], name=op.f('fk_critical_mass_states_candidate_id_candidates'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['table_id'], ['coalition_tables.id'], name=op.f('fk_critical_mass_states_table_id_coalition_tables'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('table_id', 'candidate_id', name=op.f('pk_critical_mass_states'))
    )
    with op.batch_alter_table('critical_mass_states', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_critical_mass_states_candidate_id'), ['candidate_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('critical_mass_states', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_critical_mass_states_candidate_id'))

    op.drop_table('critical_mass_states')
