"""Use cases. One unit of work per call; plain dataclasses in and out, never ORM objects."""
