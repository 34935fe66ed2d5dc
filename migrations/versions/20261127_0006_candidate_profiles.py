"""candidate profiles: sourced facts and suggested corrections

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-27 12:00:00
"""
from alembic import op
import sqlalchemy as sa
import portal.db


revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('profile_facts',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('candidate_id', sa.Integer(), nullable=False),
    sa.Column('section', sa.String(length=10), nullable=False),
    sa.Column('label', sa.String(length=120), nullable=False),
    sa.Column('value', sa.String(length=4000), nullable=False),
    sa.Column('source', sa.String(length=500), nullable=False),
    sa.Column('entered_by_id', sa.Integer(), nullable=True),
    sa.Column('entered_at', portal.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('suggested_by_organization_id', sa.Integer(), nullable=True),
    sa.Column('created_at', portal.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('retired_at', portal.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('retired_by_id', sa.Integer(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.CheckConstraint("section IN ('biography', 'race', 'position', 'link')", name=op.f('ck_profile_facts_section_known')),
    sa.CheckConstraint('length(trim(label)) > 0', name=op.f('ck_profile_facts_label_not_blank')),
    sa.CheckConstraint('length(trim(value)) > 0', name=op.f('ck_profile_facts_value_not_blank')),
    sa.CheckConstraint('length(trim(source)) > 0', name=op.f('ck_profile_facts_source_not_blank')),
    sa.CheckConstraint("section <> 'link' OR value LIKE 'http://%' OR value LIKE 'https://%'", name=op.f('ck_profile_facts_link_is_web_address')),
    sa.ForeignKeyConstraint(['candidate_id'], ['candidates.id'], name=op.f('fk_profile_facts_candidate_id_candidates'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_profile_facts_created_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['entered_by_id'], ['users.id'], name=op.f('fk_profile_facts_entered_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['retired_by_id'], ['users.id'], name=op.f('fk_profile_facts_retired_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['suggested_by_organization_id'], ['organizations.id'], name=op.f('fk_profile_facts_suggested_by_organization_id_organizations'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_profile_facts'))
    )
    with op.batch_alter_table('profile_facts', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_profile_facts_candidate_id'), ['candidate_id'], unique=False)

    op.create_table('profile_corrections',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('candidate_id', sa.Integer(), nullable=False),
    sa.Column('fact_id', sa.Integer(), nullable=True),
    sa.Column('kind', sa.String(length=10), nullable=False),
    sa.Column('section', sa.String(length=10), nullable=False),
    sa.Column('label', sa.String(length=120), nullable=False),
    sa.Column('fact_version', sa.Integer(), nullable=True),
    sa.Column('proposed_value', sa.String(length=4000), nullable=False),
    sa.Column('proposed_source', sa.String(length=500), nullable=False),
    sa.Column('reason', sa.String(length=1000), nullable=True),
    sa.Column('organization_id', sa.Integer(), nullable=False),
    sa.Column('suggested_by_id', sa.Integer(), nullable=True),
    sa.Column('suggested_at', portal.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('decided_by_id', sa.Integer(), nullable=True),
    sa.Column('decided_at', portal.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('decision_note', sa.String(length=1000), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.CheckConstraint("kind IN ('change', 'addition')", name=op.f('ck_profile_corrections_kind_known')),
    sa.CheckConstraint("status IN ('pending', 'accepted', 'declined')", name=op.f('ck_profile_corrections_status_known')),
    sa.CheckConstraint("section IN ('biography', 'race', 'position', 'link')", name=op.f('ck_profile_corrections_section_known')),
    sa.CheckConstraint("kind <> 'change' OR fact_id IS NOT NULL", name=op.f('ck_profile_corrections_change_names_its_fact')),
    sa.CheckConstraint('length(trim(label)) > 0', name=op.f('ck_profile_corrections_label_not_blank')),
    sa.CheckConstraint('length(trim(proposed_value)) > 0', name=op.f('ck_profile_corrections_value_not_blank')),
    sa.CheckConstraint('length(trim(proposed_source)) > 0', name=op.f('ck_profile_corrections_source_not_blank')),
    sa.CheckConstraint("section <> 'link' OR proposed_value LIKE 'http://%' OR proposed_value LIKE 'https://%'", name=op.f('ck_profile_corrections_link_is_web_address')),
    sa.CheckConstraint("(status = 'pending') = (decided_at IS NULL)", name=op.f('ck_profile_corrections_decision_has_time')),
    sa.ForeignKeyConstraint(['candidate_id'], ['candidates.id'], name=op.f('fk_profile_corrections_candidate_id_candidates'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['decided_by_id'], ['users.id'], name=op.f('fk_profile_corrections_decided_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['fact_id'], ['profile_facts.id'], name=op.f('fk_profile_corrections_fact_id_profile_facts'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['organization_id'], ['organizations.id'], name=op.f('fk_profile_corrections_organization_id_organizations'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['suggested_by_id'], ['users.id'], name=op.f('fk_profile_corrections_suggested_by_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_profile_corrections'))
    )
    with op.batch_alter_table('profile_corrections', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_profile_corrections_candidate_id'), ['candidate_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_profile_corrections_fact_id'), ['fact_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_profile_corrections_organization_id'), ['organization_id'], unique=False)
        batch_op.create_index('uq_profile_corrections_one_pending', ['fact_id', 'organization_id'], unique=True, postgresql_where=sa.text("status = 'pending'"), sqlite_where=sa.text("status = 'pending'"))


def downgrade() -> None:
    with op.batch_alter_table('profile_corrections', schema=None) as batch_op:
        batch_op.drop_index('uq_profile_corrections_one_pending', postgresql_where=sa.text("status = 'pending'"), sqlite_where=sa.text("status = 'pending'"))
        batch_op.drop_index(batch_op.f('ix_profile_corrections_organization_id'))
        batch_op.drop_index(batch_op.f('ix_profile_corrections_fact_id'))
        batch_op.drop_index(batch_op.f('ix_profile_corrections_candidate_id'))

    op.drop_table('profile_corrections')
    with op.batch_alter_table('profile_facts', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_profile_facts_candidate_id'))

    op.drop_table('profile_facts')
