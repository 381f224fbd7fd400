"""The race harness itself (booking/tests/concurrency.py): on SQLite the file copy the racing
threads connect to is already in WAL mode, as a production database is. Twenty connections
turning a rollback-journal file into WAL at once sometimes fail at once with "database is
locked" (2 of 60 trials of 20 threads; 0 of 60 from WAL): that failed a job-club race in CI."""

import sqlite3
from contextlib import closing

import pytest

from booking.tests.concurrency import own_connections

pytestmark = [pytest.mark.sqlite, pytest.mark.django_db(transaction=True)]


def test_the_racers_file_is_in_wal_mode_before_anyone_connects(tmp_path):
    with own_connections(tmp_path), closing(sqlite3.connect(tmp_path / "race.sqlite3")) as probe:
        assert probe.execute("PRAGMA journal_mode").fetchone() == ("wal",)
