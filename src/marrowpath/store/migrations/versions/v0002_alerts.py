"""Alerts of an episode, and an index to find the audit trail of one record.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-30
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "alerts",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column(
            "episode_id",
            sa.String(36),
            sa.ForeignKey("episodes.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("key", sa.String(128), nullable=False),
        sa.Column("alert_date", sa.Date, nullable=False),
        sa.Column("message", sa.Text, nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.UniqueConstraint("episode_id", "key", name="uq_alerts_episode_id"),
    )
    op.create_index("ix_audit_entity", "audit", ["entity", "entity_id"])


def downgrade() -> None:
    op.drop_index("ix_audit_entity", table_name="audit")
    op.drop_table("alerts")
