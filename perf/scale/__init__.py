"""The national-scale data set: `build(scale)` fills an empty (migrated) database with 98 job
centres of uneven size, their staff and citizens, bookings, conversations, plans, Joblog, CVs,
job openings and the lookup log, in proportion to `scale` (1.0 = the whole country).

PostgreSQL gets the rows by COPY, SQLite by executemany in transactions; both stream, so
memory stays small. The data is deterministic for a seed and a day (it is laid out relative
to today); only the encrypted CPR ciphertext differs between runs (Fernet's random IV). See
perf/bench/README.md, "The national data set".

`generate.build` does it; `python -m perf.scale` is the command line. This package imports
nothing of Django, so `python -m perf.scale` can pick the settings first."""
