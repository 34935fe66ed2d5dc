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
    pass


def downgrade() -> None:
    pass
