"""The demo studio: a client of the services like the command line and the GUI, which
builds a realistic, deterministic studio in a database of its own (builder.py) from the
records in content.py."""
