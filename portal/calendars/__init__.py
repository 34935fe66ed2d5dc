"""iCalendar feeds of a table and of a working group at secret, revocable per-person URLs."""
