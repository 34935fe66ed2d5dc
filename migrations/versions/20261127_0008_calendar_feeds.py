"""calendar feeds: secret, revocable per-person iCalendar URLs

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-27 12:00:00
"""
from alembic import op
import sqlalchemy as sa
import portal.db


revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('calendar_feeds',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('table_id', sa.Integer(), nullable=True),
    sa.Column('working_group_id', sa.Integer(), nullable=True),
    sa.Column('token_hash', sa.String(length=64), nullable=False),
    sa.Column('created_at', portal.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('revoked_at', portal.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('last_fetched_at', portal.db.UTCDateTime(timezone=True), nullable=True),
    sa.CheckConstraint('(table_id IS NULL) <> (working_group_id IS NULL)', name=op.f('ck_calendar_feeds_exactly_one_scope')),
    sa.CheckConstraint('revoked_at IS NULL OR revoked_at >= created_at', name=op.f('ck_calendar_feeds_revoked_after_created')),
    sa.ForeignKeyConstraint(['table_id'], ['coalition_tables.id'], name=op.f('fk_calendar_feeds_table_id_coalition_tables'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_calendar_feeds_user_id_users'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['working_group_id'], ['working_groups.id'], name=op.f('fk_calendar_feeds_working_group_id_working_groups'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_calendar_feeds')),
    sa.UniqueConstraint('token_hash', name=op.f('uq_calendar_feeds_token_hash'))
    )
    with op.batch_alter_table('calendar_feeds', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_calendar_feeds_table_id'), ['table_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_calendar_feeds_user_id'), ['user_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_calendar_feeds_working_group_id'), ['working_group_id'], unique=False)
        batch_op.create_index('uq_calendar_feeds_one_active_group', ['user_id', 'working_group_id'], unique=True, postgresql_where=sa.text('revoked_at IS NULL AND working_group_id IS NOT NULL'), sqlite_where=sa.text('revoked_at IS NULL AND working_group_id IS NOT NULL'))
        batch_op.create_index('uq_calendar_feeds_one_active_table', ['user_id', 'table_id'], unique=True, postgresql_where=sa.text('revoked_at IS NULL AND table_id IS NOT NULL'), sqlite_where=sa.text('revoked_at IS NULL AND table_id IS NOT NULL'))


def downgrade() -> None:
    with op.batch_alter_table('calendar_feeds', schema=None) as batch_op:
        batch_op.drop_index('uq_calendar_feeds_one_active_table', postgresql_where=sa.text('revoked_at IS NULL AND table_id IS NOT NULL'), sqlite_where=sa.text('revoked_at IS NULL AND table_id IS NOT NULL'))
        batch_op.drop_index('uq_calendar_feeds_one_active_group', postgresql_where=sa.text('revoked_at IS NULL AND working_group_id IS NOT NULL'), sqlite_where=sa.text('revoked_at IS NULL AND working_group_id IS NOT NULL'))
        batch_op.drop_index(batch_op.f('ix_calendar_feeds_working_group_id'))
        batch_op.drop_index(batch_op.f('ix_calendar_feeds_user_id'))
        batch_op.drop_index(batch_op.f('ix_calendar_feeds_table_id'))

    op.drop_table('calendar_feeds')
