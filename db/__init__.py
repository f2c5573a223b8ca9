"""The data floor: SQLAlchemy models, engine set-up and Alembic migrations. No Qt, no domain."""
