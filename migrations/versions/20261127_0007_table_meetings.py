"""table meetings: agendas, attendance, notes, action items

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-27 12:00:00
"""
from alembic import op
import sqlalchemy as sa
import portal.db


revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('meetings',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('table_id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('starts_at', portal.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('ends_at', portal.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('place', sa.String(length=300), nullable=True),
    sa.Column('agenda_md', sa.Text(), nullable=False),
    sa.Column('agenda_drafted_since', portal.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('agenda_shared_at', portal.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('notes_md', sa.Text(), nullable=False),
    sa.Column('notes_status', sa.String(length=10), nullable=False),
    sa.Column('notes_published_at', portal.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('cancelled_at', portal.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('created_at', portal.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('updated_at', portal.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_by_id', sa.Integer(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.CheckConstraint("(notes_status = 'published') = (notes_published_at IS NOT NULL)", name=op.f('ck_meetings_publication_has_time')),
    sa.CheckConstraint("cancelled_at IS NULL OR notes_status = 'draft'", name=op.f('ck_meetings_cancelled_has_no_notes')),
    sa.CheckConstraint("notes_status IN ('draft', 'published')", name=op.f('ck_meetings_notes_status_known')),
    sa.CheckConstraint('ends_at > starts_at', name=op.f('ck_meetings_ends_after_start')),
    sa.CheckConstraint('length(agenda_md) <= 20000 AND length(notes_md) <= 20000', name=op.f('ck_meetings_texts_bounded')),
    sa.CheckConstraint('length(trim(title)) > 0', name=op.f('ck_meetings_title_not_blank')),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_meetings_created_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['table_id'], ['coalition_tables.id'], name=op.f('fk_meetings_table_id_coalition_tables'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['updated_by_id'], ['users.id'], name=op.f('fk_meetings_updated_by_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_meetings'))
    )
    op.create_index('ix_meetings_table_id_starts_at', 'meetings', ['table_id', 'starts_at'], unique=False)

    op.create_table('meeting_action_items',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('meeting_id', sa.Integer(), nullable=False),
    sa.Column('text', sa.String(length=500), nullable=False),
    sa.Column('owner_id', sa.Integer(), nullable=False),
    sa.Column('due_on', sa.Date(), nullable=False),
    sa.Column('done_at', portal.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('done_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', portal.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.CheckConstraint('done_by_id IS NULL OR done_at IS NOT NULL', name=op.f('ck_meeting_action_items_done_has_time')),
    sa.CheckConstraint('length(trim(text)) > 0', name=op.f('ck_meeting_action_items_text_not_blank')),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_meeting_action_items_created_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['done_by_id'], ['users.id'], name=op.f('fk_meeting_action_items_done_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['meeting_id'], ['meetings.id'], name=op.f('fk_meeting_action_items_meeting_id_meetings'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['owner_id'], ['organizations.id'], name=op.f('fk_meeting_action_items_owner_id_organizations'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_meeting_action_items')),
    sa.UniqueConstraint('meeting_id', 'owner_id', 'text', name='uq_meeting_action_items_same_item')
    )
    op.create_index(op.f('ix_meeting_action_items_meeting_id'), 'meeting_action_items', ['meeting_id'], unique=False)
    op.create_index(op.f('ix_meeting_action_items_owner_id'), 'meeting_action_items', ['owner_id'], unique=False)

    op.create_table('meeting_attendance',
    sa.Column('meeting_id', sa.Integer(), nullable=False),
    sa.Column('national_id', sa.Integer(), nullable=False),
    sa.Column('national_kind', sa.String(length=10), server_default='national', nullable=False),
    sa.Column('recorded_at', portal.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('recorded_by_id', sa.Integer(), nullable=True),
    sa.CheckConstraint("national_kind = 'national'", name=op.f('ck_meeting_attendance_national_kind_fixed')),
    sa.ForeignKeyConstraint(['meeting_id'], ['meetings.id'], name=op.f('fk_meeting_attendance_meeting_id_meetings'), ondelete='CASCADE'),
    # Only a national attends as a partner: the database refuses an affiliate here.
    sa.ForeignKeyConstraint(['national_id', 'national_kind'], ['organizations.id', 'organizations.kind'], name='fk_meeting_attendance_national_is_national', ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['recorded_by_id'], ['users.id'], name=op.f('fk_meeting_attendance_recorded_by_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('meeting_id', 'national_id', name=op.f('pk_meeting_attendance'))
    )
    op.create_index(op.f('ix_meeting_attendance_national_id'), 'meeting_attendance', ['national_id'], unique=False)


def downgrade() -> None:
    op.drop_index(op.f('ix_meeting_attendance_national_id'), table_name='meeting_attendance')
    op.drop_table('meeting_attendance')
    op.drop_index(op.f('ix_meeting_action_items_owner_id'), table_name='meeting_action_items')
    op.drop_index(op.f('ix_meeting_action_items_meeting_id'), table_name='meeting_action_items')
    op.drop_table('meeting_action_items')
    op.drop_index('ix_meetings_table_id_starts_at', table_name='meetings')
    op.drop_table('meetings')
