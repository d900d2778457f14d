"""File readers and writers: take and return domain objects, never a database session."""
