"""Alembic environment for trainer.

trainer runs migrations itself at start-up (trainer.store.migrate), passing its open connection in
`config.attributes["connection"]`. For development, `alembic -x db=PATH upgrade head` also works
with the alembic.ini at the top of the repository.
"""

from alembic import context
from sqlalchemy import create_engine

from trainer.store.tables import metadata

config = context.config


def _run(connection) -> None:
    # SQLite cannot ALTER most things in place: batch mode copies the table instead.
    context.configure(connection=connection, target_metadata=metadata, render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()


connection = config.attributes.get("connection")
if connection is not None:
    _run(connection)
else:
    db = context.get_x_argument(as_dictionary=True).get("db") or config.get_main_option(
        "sqlalchemy.url"
    )
    url = db if "://" in (db or "") else f"sqlite:///{db}"
    with create_engine(url).connect() as own_connection:
        _run(own_connection)
        own_connection.commit()
