"""The table models of the pages and dialogs, one module each: the rows a view shows, its
columns, the roles it asks for and the keys it sorts by. Each is tested without a view."""
