"""Alembic environment: run the store's migrations on the connection the store hands over.

The store calls ``alembic upgrade head`` itself (``store.migrate.upgrade``) inside a locked
transaction, so two replicas starting at once cannot both create the tables. Run by hand:
``.venv/bin/python -m store upgrade`` (the URL comes from ``ATLAS_DB_URL`` or the default).
"""

from alembic import context
from sqlalchemy import create_engine

from store.models import Base

config = context.config
connection = config.attributes.get("connection")
if connection is None:  # e.g. `alembic -c ...` by hand: open one from the configured URL
    with create_engine(config.get_main_option("sqlalchemy.url")).begin() as connection:
        context.configure(connection=connection, target_metadata=Base.metadata)
        with context.begin_transaction():
            context.run_migrations()
else:
    context.configure(connection=connection, target_metadata=Base.metadata)
    with context.begin_transaction():
        context.run_migrations()
