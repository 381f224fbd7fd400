"""Fault tests: a killed database connection, a PostgreSQL restart under load, Redis down and
a slow network to the database. `python -m faults` runs the scenarios against gunicorn and a
private PostgreSQL cluster; `faults/tests` holds the fast in-process ones `make test` runs."""
