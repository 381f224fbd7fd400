"""Fault tests: a killed database connection, a PostgreSQL restart under load, Redis down and
a slow network to the database. `python -m perf.faults` runs the scenarios against gunicorn and a
private PostgreSQL cluster; `perf/faults/tests` holds the fast in-process ones `make test` runs."""
