"""Create the saved_views table.

Revision ID: 0001_saved_views
Revises:
Create Date: 2026-12-01
"""

import sqlalchemy as sa
from alembic import op

revision = "0001_saved_views"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Create the table and the index the deck's ordering reads."""
    op.create_table(
        "saved_views",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("name", sa.String(120), nullable=False),
        sa.Column("note", sa.Text, nullable=False, server_default=""),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("doc", sa.Text, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("revision", sa.Integer, nullable=False, server_default="1"),
    )
    op.create_index("ix_saved_views_position", "saved_views", ["position", "id"])


def downgrade() -> None:
    """Drop the table (and its saved views)."""
    op.drop_index("ix_saved_views_position", table_name="saved_views")
    op.drop_table("saved_views")
