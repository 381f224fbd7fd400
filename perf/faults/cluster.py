"""A private PostgreSQL 15 cluster for the fault tests: its own data directory, port and socket
directory, trust authentication on loopback, so it can be stopped and restarted at will. The
system cluster on 5432 is never touched."""

import os
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

PG_BIN = Path(os.environ.get("PG_BIN", "/usr/lib/postgresql/15/bin"))
#: initdb and postgres refuse to run as root; as root the cluster runs as this user.
PG_USER = "postgres"


def free_port() -> int:
    """A TCP port on loopback that nothing listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _as_owner(command: list[str]) -> list[str]:
    if os.geteuid() == 0:
        return ["runuser", "-u", PG_USER, "--", *command]
    return command


class Cluster:
    """One data directory, run by pg_ctl. `url(name)` is a libpq URL for database `name`."""

    def __init__(self, datadir: Path, port: int | None = None):
        self.datadir = Path(datadir).resolve()
        self.port = port or free_port()
        self.logfile = self.datadir.parent / f"{self.datadir.name}.log"

    def url(self, name: str = "postgres") -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/{name}"

    def _run(self, *args: str, timeout: float = 120) -> None:
        command = _as_owner([str(PG_BIN / args[0]), *args[1:]])
        result = subprocess.run(  # noqa: S603 - fixed binaries, our own arguments
            command, capture_output=True, text=True, timeout=timeout, check=False
        )
        if result.returncode:
            tail = self.logfile.read_text(errors="replace")[-2000:] if self.logfile.exists() else ""
            raise RuntimeError(
                f"{' '.join(args[:2])} failed: {result.stdout}{result.stderr}\n{tail}"
            )

    def initdb(self) -> None:
        """A new cluster: trust on loopback, listening on 127.0.0.1 only, its socket in its own
        directory. Does nothing if the directory already holds one."""
        if (self.datadir / "PG_VERSION").exists():
            return
        self.datadir.mkdir(parents=True, exist_ok=True)
        if os.geteuid() == 0:
            shutil.chown(self.datadir, PG_USER, PG_USER)
            shutil.chown(self.datadir.parent, PG_USER, PG_USER)
        self._run(
            "initdb",
            "-D",
            str(self.datadir),
            "-U",
            "postgres",
            "--auth=trust",
            "--encoding=UTF8",
            "--locale=C.UTF-8",
            "--no-instructions",
        )

    def _options(self) -> str:
        return (
            f"-p {self.port} -c listen_addresses=127.0.0.1 "
            f"-c unix_socket_directories='{self.datadir}' -c max_connections=100"
        )

    def start(self, timeout: float = 60) -> None:
        self._run(
            "pg_ctl", "start", "-D", str(self.datadir), "-l", str(self.logfile), "-w",
            "-t", str(int(timeout)), "-o", self._options(),
        )  # fmt: skip

    def stop(self, mode: str = "fast") -> None:
        if self.running():
            self._run("pg_ctl", "stop", "-D", str(self.datadir), "-m", mode, "-w")

    def restart(self, mode: str = "fast", timeout: float = 60) -> None:
        """Stops (ending every session: `fast`; or as in a crash: `immediate`) and starts
        again, returning once the server accepts connections."""
        self._run(
            "pg_ctl", "restart", "-D", str(self.datadir), "-m", mode, "-l", str(self.logfile),
            "-w", "-t", str(int(timeout)), "-o", self._options(),
        )  # fmt: skip

    def running(self) -> bool:
        result = subprocess.run(  # noqa: S603
            _as_owner([str(PG_BIN / "pg_ctl"), "status", "-D", str(self.datadir)]),
            capture_output=True,
            check=False,
        )
        return result.returncode == 0

    def ready(self) -> bool:
        """Accepts connections (pg_isready)."""
        result = subprocess.run(  # noqa: S603
            [str(PG_BIN / "pg_isready"), "-q", "-h", "127.0.0.1", "-p", str(self.port)],
            check=False,
        )
        return result.returncode == 0

    def wait_ready(self, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while not self.ready():
            if time.monotonic() > deadline:
                raise TimeoutError(f"PostgreSQL on {self.port} not ready in {timeout:.0f} s")
            time.sleep(0.05)


@contextmanager
def private_cluster(datadir: Path | None = None, *, port: int | None = None) -> Iterator[Cluster]:
    """A running private cluster on a free port, stopped when the block ends. Without
    `datadir` it lives in a temporary directory that is removed afterwards; with one it is
    created there once and reused (the load-test template database then survives runs)."""
    tmp = None
    if datadir is None:
        tmp = tempfile.mkdtemp(prefix="faults-pg-")
        datadir = Path(tmp) / "data"
    cluster = Cluster(datadir, port)
    try:
        cluster.initdb()
        if cluster.running():  # left running by an interrupted run: take it over
            cluster.stop("immediate")
        cluster.start()
        yield cluster
    finally:
        try:
            cluster.stop("fast")
        finally:
            if tmp is not None:
                shutil.rmtree(tmp, ignore_errors=True)
