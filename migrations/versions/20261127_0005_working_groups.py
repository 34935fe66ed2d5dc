"""working groups of a candidate's backers, joint activities, notes

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-27 12:00:00
"""
from alembic import op
import sqlalchemy as sa
import portal.db


revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('working_groups',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('table_id', sa.Integer(), nullable=False),
    sa.Column('candidate_id', sa.Integer(), nullable=False),
    sa.Column('convened_by_id', sa.Integer(), nullable=True),
    sa.Column('convened_at', portal.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('closed_at', portal.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('closed_by_id', sa.Integer(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.CheckConstraint('closed_at IS NULL OR closed_at >= convened_at', name=op.f('ck_working_groups_closed_after_convened')),
    sa.ForeignKeyConstraint(['candidate_id'], ['candidates.id'], name=op.f('fk_working_groups_candidate_id_candidates'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['closed_by_id'], ['users.id'], name=op.f('fk_working_groups_closed_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['convened_by_id'], ['users.id'], name=op.f('fk_working_groups_convened_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['table_id'], ['coalition_tables.id'], name=op.f('fk_working_groups_table_id_coalition_tables'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_working_groups'))
    )
    with op.batch_alter_table('working_groups', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_working_groups_candidate_id'), ['candidate_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_working_groups_table_id'), ['table_id'], unique=False)
        batch_op.create_index('uq_working_groups_one_open', ['candidate_id'], unique=True, postgresql_where=sa.text('closed_at IS NULL'), sqlite_where=sa.text('closed_at IS NULL'))

    op.create_table('working_group_partners',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('group_id', sa.Integer(), nullable=False),
    sa.Column('national_id', sa.Integer(), nullable=False),
    sa.Column('partner_kind', sa.String(length=10), server_default='national', nullable=False),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('invited_at', portal.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('decided_at', portal.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('decided_by_id', sa.Integer(), nullable=True),
    sa.Column('left_at', portal.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.CheckConstraint("partner_kind = 'national'", name=op.f('ck_working_group_partners_partner_kind_fixed')),
    sa.CheckConstraint("status <> 'left' OR left_at IS NOT NULL", name=op.f('ck_working_group_partners_leaving_has_time')),
    sa.CheckConstraint("status = 'invited' OR decided_at IS NOT NULL", name=op.f('ck_working_group_partners_decision_has_time')),
    sa.CheckConstraint("status IN ('invited', 'joined', 'declined', 'left')", name=op.f('ck_working_group_partners_status_known')),
    sa.ForeignKeyConstraint(['decided_by_id'], ['users.id'], name=op.f('fk_working_group_partners_decided_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['group_id'], ['working_groups.id'], name=op.f('fk_working_group_partners_group_id_working_groups'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['national_id', 'partner_kind'], ['organizations.id', 'organizations.kind'], name='fk_working_group_partners_national_is_national'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_working_group_partners')),
    sa.UniqueConstraint('group_id', 'national_id', name='uq_working_group_partners_group_national')
    )
    with op.batch_alter_table('working_group_partners', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_working_group_partners_group_id'), ['group_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_working_group_partners_national_id'), ['national_id'], unique=False)

    op.create_table('working_group_affiliates',
    sa.Column('group_id', sa.Integer(), nullable=False),
    sa.Column('organization_id', sa.Integer(), nullable=False),
    sa.Column('national_id', sa.Integer(), nullable=False),
    sa.Column('added_at', portal.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('added_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['added_by_id'], ['users.id'], name=op.f('fk_working_group_affiliates_added_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['group_id', 'national_id'], ['working_group_partners.group_id', 'working_group_partners.national_id'], name='fk_working_group_affiliates_partner', ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['group_id'], ['working_groups.id'], name=op.f('fk_working_group_affiliates_group_id_working_groups'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['organization_id'], ['organizations.id'], name=op.f('fk_working_group_affiliates_organization_id_organizations'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('group_id', 'organization_id', name=op.f('pk_working_group_affiliates'))
    )
    with op.batch_alter_table('working_group_affiliates', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_working_group_affiliates_organization_id'), ['organization_id'], unique=False)

    op.create_table('joint_activities',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('group_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=10), nullable=False),
    sa.Column('starts_at', portal.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('ends_at', portal.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('place', sa.String(length=200), nullable=True),
    sa.Column('link', sa.String(length=500), nullable=True),
    sa.Column('lead_organization_id', sa.Integer(), nullable=False),
    sa.Column('expected_volunteers', sa.Integer(), nullable=False),
    sa.Column('actual_turnout', sa.Integer(), nullable=True),
    sa.Column('cancelled_at', portal.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('created_by_organization_id', sa.Integer(), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', portal.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_by_id', sa.Integer(), nullable=True),
    sa.Column('updated_at', portal.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.CheckConstraint("kind IN ('textbank', 'phonebank', 'doorknock', 'event')", name=op.f('ck_joint_activities_kind_known')),
    sa.CheckConstraint('actual_turnout IS NULL OR (actual_turnout >= 0 AND actual_turnout <= 100000)', name=op.f('ck_joint_activities_actual_turnout_sane')),
    sa.CheckConstraint('ends_at IS NULL OR ends_at > starts_at', name=op.f('ck_joint_activities_ends_after_start')),
    sa.CheckConstraint('expected_volunteers >= 0 AND expected_volunteers <= 100000', name=op.f('ck_joint_activities_expected_volunteers_sane')),
    sa.CheckConstraint('place IS NOT NULL OR link IS NOT NULL', name=op.f('ck_joint_activities_has_place_or_link')),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_joint_activities_created_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['created_by_organization_id'], ['organizations.id'], name=op.f('fk_joint_activities_created_by_organization_id_organizations'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['group_id'], ['working_groups.id'], name=op.f('fk_joint_activities_group_id_working_groups'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['lead_organization_id'], ['organizations.id'], name=op.f('fk_joint_activities_lead_organization_id_organizations'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['updated_by_id'], ['users.id'], name=op.f('fk_joint_activities_updated_by_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_joint_activities'))
    )
    with op.batch_alter_table('joint_activities', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_joint_activities_group_id'), ['group_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_joint_activities_lead_organization_id'), ['lead_organization_id'], unique=False)

    op.create_table('working_group_notes',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('group_id', sa.Integer(), nullable=False),
    sa.Column('author_id', sa.Integer(), nullable=True),
    sa.Column('organization_id', sa.Integer(), nullable=True),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('created_at', portal.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('edited_at', portal.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.CheckConstraint('length(trim(body)) > 0', name=op.f('ck_working_group_notes_body_not_blank')),
    sa.ForeignKeyConstraint(['author_id'], ['users.id'], name=op.f('fk_working_group_notes_author_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['group_id'], ['working_groups.id'], name=op.f('fk_working_group_notes_group_id_working_groups'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['organization_id'], ['organizations.id'], name=op.f('fk_working_group_notes_organization_id_organizations'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_working_group_notes'))
    )
    with op.batch_alter_table('working_group_notes', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_working_group_notes_group_id'), ['group_id'], unique=False)

    op.create_table('campaign_notice_acknowledgements',
    sa.Column('group_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('acknowledged_at', portal.db.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['group_id'], ['working_groups.id'], name=op.f('fk_campaign_notice_acknowledgements_group_id_working_groups'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_campaign_notice_acknowledgements_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('group_id', 'user_id', name=op.f('pk_campaign_notice_acknowledgements'))
    )
    with op.batch_alter_table('campaign_notice_acknowledgements', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_campaign_notice_acknowledgements_user_id'), ['user_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('campaign_notice_acknowledgements', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_campaign_notice_acknowledgements_user_id'))

    op.drop_table('campaign_notice_acknowledgements')
    with op.batch_alter_table('working_group_notes', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_working_group_notes_group_id'))

    op.drop_table('working_group_notes')
    with op.batch_alter_table('joint_activities', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_joint_activities_lead_organization_id'))
        batch_op.drop_index(batch_op.f('ix_joint_activities_group_id'))

    op.drop_table('joint_activities')
    with op.batch_alter_table('working_group_affiliates', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_working_group_affiliates_organization_id'))

    op.drop_table('working_group_affiliates')
    with op.batch_alter_table('working_group_partners', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_working_group_partners_national_id'))
        batch_op.drop_index(batch_op.f('ix_working_group_partners_group_id'))

    op.drop_table('working_group_partners')
    with op.batch_alter_table('working_groups', schema=None) as batch_op:
        batch_op.drop_index('uq_working_groups_one_open', postgresql_where=sa.text('closed_at IS NULL'), sqlite_where=sa.text('closed_at IS NULL'))
        batch_op.drop_index(batch_op.f('ix_working_groups_table_id'))
        batch_op.drop_index(batch_op.f('ix_working_groups_candidate_id'))

    op.drop_table('working_groups')
