"""The latency proxy adds its delay once per round trip, keeps bytes in order, and counts."""

import socket
import threading
import time

import pytest

from perf.faults.proxy import latency_proxy


@pytest.fixture
def echo_port():
    """A loopback echo server, one thread per connection."""
    server = socket.create_server(("127.0.0.1", 0))
    stop = threading.Event()

    def serve(conn):
        with conn:
            while data := conn.recv(65536):
                conn.sendall(data)

    def accept():
        server.settimeout(0.1)
        while not stop.is_set():
            try:
                conn, _ = server.accept()
            except TimeoutError:
                continue
            threading.Thread(target=serve, args=(conn,), daemon=True).start()

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield server.getsockname()[1]
    stop.set()
    thread.join()
    server.close()


def _round_trips(port: int, n: int) -> float:
    with socket.create_connection(("127.0.0.1", port)) as sock:
        began = time.perf_counter()
        for i in range(n):
            sock.sendall(b"ping %d" % i)
            assert sock.recv(100) == b"ping %d" % i
        return time.perf_counter() - began


def test_each_round_trip_gains_the_delay_once(echo_port):
    with latency_proxy("127.0.0.1", echo_port, round_trip_ms=40) as proxy:
        elapsed = _round_trips(proxy.port, 10)
        assert proxy.stats.client_chunks == 10 and proxy.stats.connections == 1
    assert 0.4 <= elapsed < 0.4 + 0.4


def test_bulk_data_arrives_whole_in_order_and_is_not_delayed_per_chunk(echo_port):
    payload = bytes(range(256)) * 8192  # 2 MiB, many chunks
    with latency_proxy("127.0.0.1", echo_port, round_trip_ms=40) as proxy:
        sock = socket.create_connection(("127.0.0.1", proxy.port))
        began = time.perf_counter()
        sender = threading.Thread(target=sock.sendall, args=(payload,))
        sender.start()
        received = bytearray()
        while len(received) < len(payload):
            received += sock.recv(65536)
        sender.join()
        elapsed = time.perf_counter() - began
        sock.close()
    assert bytes(received) == payload
    assert elapsed < 1.0  # one round trip's delay, not one per chunk


@pytest.mark.postgres
@pytest.mark.django_db
def test_the_proxy_tells_queries_from_transaction_control():
    """The latency report splits round trips into queries and BEGIN/COMMIT/health checks by
    reading the first message of each chunk psycopg sends."""
    import psycopg
    from django.db import connection

    params = connection.get_connection_params()
    with latency_proxy(params.get("host") or "127.0.0.1", int(params.get("port") or 5432), 0) as p:
        conn = psycopg.connect(
            host="127.0.0.1",
            port=p.port,
            user=params["user"],
            password=params.get("password"),
            dbname=params["dbname"],
        )
        with conn:
            before = p.stats.snapshot()
            conn.execute("SELECT 1")  # psycopg opens a transaction first
            conn.execute("SELECT count(*) FROM django_migrations WHERE app = %s", ["plans"])
            conn.commit()
            counts = p.stats.snapshot() - before
    assert counts == {"BEGIN": 1, "health": 1, "query": 1, "COMMIT": 1}
