"""The replica router: only opted-in reads go to the replica, and only when there is one;
writes and migrations never do."""

import pytest
from django.db import connections

from common.models import Submission  # any model: the router routes none by model
from common.routers import REPLICA, ReplicaRouter, reading_from_replica, replica_reads


@pytest.fixture
def with_replica(monkeypatch):
    monkeypatch.setitem(connections.settings, REPLICA, {**connections.settings["default"]})


def test_without_a_replica_everything_stays_on_the_primary():
    router = ReplicaRouter()
    with reading_from_replica():
        assert router.db_for_read(Submission) is None
    assert router.db_for_write(Submission) == "default"


def test_only_opted_in_reads_go_to_the_replica(with_replica):
    router = ReplicaRouter()
    assert router.db_for_read(Submission) is None
    with reading_from_replica():
        assert router.db_for_read(Submission) == REPLICA
        assert router.db_for_write(Submission) == "default"
        with reading_from_replica():
            pass
        assert router.db_for_read(Submission) == REPLICA  # an inner block does not end the outer
    assert router.db_for_read(Submission) is None


def test_a_wrapped_view_reads_from_the_replica_during_its_call(with_replica):
    seen = []

    @replica_reads
    def view(request):
        seen.append(ReplicaRouter().db_for_read(Submission))
        return "response"

    assert view(None) == "response"
    assert seen == [REPLICA]
    assert ReplicaRouter().db_for_read(Submission) is None


def test_migrations_run_on_the_primary_only():
    router = ReplicaRouter()
    assert router.allow_migrate("default", "booking") is True
    assert router.allow_migrate(REPLICA, "booking") is False
