"""Pure domain of trainer: catalogue, sets, plan, progression and balance.

Nothing here does I/O or imports Textual, SQLModel/SQLAlchemy, Alembic or plotext; a test checks it.
"""
