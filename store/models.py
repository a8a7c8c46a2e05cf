"""The store's tables as SQLAlchemy 2.x models (the migrations create exactly these)."""

from datetime import datetime

from sqlalchemy import DateTime, Index, Integer, String, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

NAME_MAX = 120
NOTE_MAX = 2000


class Base(DeclarativeBase):
    """Declarative base of the store's tables."""


class SavedViewRow(Base):
    """One saved view: a name, a note, its place in the deck and the view's JSON document.

    ``revision`` starts at 1 and grows with every change of the name, the note or the
    document; an edit that names an older revision is refused (optimistic concurrency).
    """

    __tablename__ = "saved_views"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    name: Mapped[str] = mapped_column(String(NAME_MAX), nullable=False)
    note: Mapped[str] = mapped_column(Text, nullable=False, default="")
    position: Mapped[int] = mapped_column(Integer, nullable=False)
    doc: Mapped[str] = mapped_column(Text, nullable=False)  # JSON text, read per row
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False)
    revision: Mapped[int] = mapped_column(Integer, nullable=False, default=1)

    __table_args__ = (Index("ix_saved_views_position", "position", "id"),)
