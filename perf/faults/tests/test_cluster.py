"""The private cluster: its own port, restarts without losing committed rows, and a session
that lived through the restart is told so instead of hanging."""

import psycopg
import pytest

from perf.faults.cluster import PG_BIN, private_cluster

pytestmark = pytest.mark.skipif(
    not (PG_BIN / "initdb").exists(), reason=f"no PostgreSQL binaries in {PG_BIN}"
)


def test_restart_keeps_committed_rows_and_ends_old_sessions():
    with private_cluster() as cluster:
        assert cluster.port != 5432 and cluster.ready()
        old = psycopg.connect(cluster.url(), autocommit=True)
        old.execute("CREATE TABLE kept (n int)")
        old.execute("INSERT INTO kept VALUES (1), (2)")
        cluster.restart()
        with pytest.raises(psycopg.OperationalError):
            old.execute("SELECT 1")
        old.close()
        with psycopg.connect(cluster.url(), autocommit=True) as new:
            assert new.execute("SELECT count(*) FROM kept").fetchone() == (2,)
    assert not cluster.datadir.exists()
