"""Persistence: SQLAlchemy models, the engine and sessions, migrations, the file store."""
