"""Saved views in a SQL database (SQLite by default, PostgreSQL by URL), with migrations."""

from store.errors import SavedViewError, StaleViewError, StoreError
from store.repository import SavedView, ViewStore, open_store

__all__ = ["SavedView", "SavedViewError", "StaleViewError", "StoreError", "ViewStore", "open_store"]
