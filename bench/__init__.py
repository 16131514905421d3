"""Benchmarks of StudioDesk on a large deterministic database (issue 8).

``python -m bench.run`` builds (or reuses) the database through the program's own
services, measures start-up, pages, interactions, the export, the inbox and the annual
report, and writes ``bench/RESULTS.md``. See ``bench/README.md``.
"""
