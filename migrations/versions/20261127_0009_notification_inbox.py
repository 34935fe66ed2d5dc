"""notification inbox: notifications are read in the portal too; "portal only" mode

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-27 12:00:00
"""
from alembic import op
import sqlalchemy as sa
import portal.db


revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('notifications', schema=None) as batch_op:
        batch_op.add_column(sa.Column('read_at', portal.db.UTCDateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('by_mail', sa.Boolean(), server_default=sa.true(), nullable=False))
        batch_op.create_index('ix_notifications_unread', ['user_id'], unique=False,
                              postgresql_where=sa.text('read_at IS NULL'), sqlite_where=sa.text('read_at IS NULL'))
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_users_notification_mode_known'), type_='check')
        batch_op.create_check_constraint('notification_mode_known',
                                         "notification_mode IN ('immediate', 'digest', 'portal')")


def downgrade() -> None:
    op.execute("UPDATE users SET notification_mode = 'digest' WHERE notification_mode = 'portal'")
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_users_notification_mode_known'), type_='check')
        batch_op.create_check_constraint('notification_mode_known', "notification_mode IN ('immediate', 'digest')")
    with op.batch_alter_table('notifications', schema=None) as batch_op:
        batch_op.drop_index('ix_notifications_unread', postgresql_where=sa.text('read_at IS NULL'),
                            sqlite_where=sa.text('read_at IS NULL'))
        batch_op.drop_column('by_mail')
        batch_op.drop_column('read_at')
