"""Persistence: SQLAlchemy models, the async database handle and migrations."""

from bot.storage.database import Database

__all__ = ["Database"]
