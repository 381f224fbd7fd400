"""A TCP proxy that delays every byte by a fixed time in each direction, for the database's
network latency. Data keeps its order and is not slowed down in bulk: each chunk leaves
`one_way` seconds after it arrived, so a request-response round trip gains 2 x `one_way`.
It also counts the client's chunks, which are close to the number of round trips."""

import asyncio
import threading
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field


@dataclass
class Stats:
    connections: int = 0
    client_chunks: int = 0
    #: What the client's chunks began with, by kind: "BEGIN", "COMMIT", "ROLLBACK",
    #: "SAVEPOINT", "health" (Django's `SELECT 1`), "query", "other" (startup, sync ...).
    kinds: Counter = field(default_factory=Counter)
    #: Chunks forwarded and the delay they actually got (seconds), per direction: the event
    #: loop wakes up late on a busy machine, so the real delay is a little over the nominal.
    sent: Counter = field(default_factory=Counter)
    delayed: Counter = field(default_factory=Counter)

    def effective_round_trip_ms(self) -> float:
        """The mean delay a chunk got going out plus the mean coming back."""
        return 1000 * sum(
            self.delayed[way] / self.sent[way] for way in ("up", "down") if self.sent[way]
        )

    def snapshot(self) -> Counter:
        return Counter(self.kinds)


def _kind(chunk: bytes) -> str:
    """The PostgreSQL message a chunk begins with: a simple query (Q) or a parse (P) of a
    statement, classified by the statement's first word; anything else is "other"."""
    if chunk[:1] == b"Q":
        text = chunk[5:80]
    elif chunk[:1] == b"P":
        body = chunk[5:200]
        text = body.split(b"\0", 1)[1] if b"\0" in body else b""
    else:
        return "other"
    text = text.strip().upper()
    if text.startswith(b"SELECT 1") and len(text.rstrip(b"\0")) <= 8:
        return "health"
    for word in (b"BEGIN", b"COMMIT", b"ROLLBACK", b"SAVEPOINT", b"RELEASE"):
        if text.startswith(word):
            return "SAVEPOINT" if word == b"RELEASE" else word.decode()
    return "query"


class LatencyProxy:
    """Listens on 127.0.0.1:`port` (free by default) and forwards to `target`, with
    `round_trip_ms` added to each round trip (half each way). Runs its own event loop in a
    daemon thread: `start()`, `stop()`."""

    def __init__(self, target_host: str, target_port: int, round_trip_ms: float, port: int = 0):
        self.target = (target_host, target_port)
        self.one_way = round_trip_ms / 2000
        self.port = port
        self.stats = Stats()
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, daemon=True)
        self._server: asyncio.Server | None = None
        self._tasks: set[asyncio.Task] = set()

    def start(self) -> int:
        self._thread.start()
        future = asyncio.run_coroutine_threadsafe(self._listen(), self._loop)
        self.port = future.result(timeout=10)
        return self.port

    def stop(self) -> None:
        async def close():
            if self._server is not None:
                self._server.close()
            for task in list(self._tasks):
                task.cancel()

        asyncio.run_coroutine_threadsafe(close(), self._loop).result(timeout=10)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(timeout=10)

    async def _listen(self) -> int:
        self._server = await asyncio.start_server(self._serve, "127.0.0.1", self.port)
        return self._server.sockets[0].getsockname()[1]

    async def _serve(self, client_reader, client_writer) -> None:
        self.stats.connections += 1
        try:
            server_reader, server_writer = await asyncio.open_connection(*self.target)
        except OSError:
            client_writer.close()
            return
        pipes = [
            asyncio.create_task(self._pipe(client_reader, server_writer, count=True)),
            asyncio.create_task(self._pipe(server_reader, client_writer, count=False)),
        ]
        self._tasks.update(pipes)
        try:
            await asyncio.wait(pipes, return_when=asyncio.FIRST_COMPLETED)
        finally:
            for task in pipes:
                task.cancel()
                self._tasks.discard(task)
            for writer in (client_writer, server_writer):
                writer.close()

    async def _pipe(self, reader, writer, *, count: bool) -> None:
        """Reads chunks as they come and hands each to a sender that writes it `one_way`
        after its arrival, so a delay never adds up over a stream."""
        loop = asyncio.get_running_loop()
        queue: asyncio.Queue = asyncio.Queue()

        way = "up" if count else "down"

        async def send() -> None:
            while (item := await queue.get()) is not None:
                due, data = item
                if (wait := due - loop.time()) > 0:
                    await asyncio.sleep(wait)
                writer.write(data)
                self.stats.sent[way] += 1
                self.stats.delayed[way] += loop.time() - due + self.one_way
                await writer.drain()

        sender = asyncio.create_task(send())
        try:
            while data := await reader.read(65536):
                if count:
                    self.stats.client_chunks += 1
                    self.stats.kinds[_kind(data)] += 1
                await queue.put((loop.time() + self.one_way, data))
            await queue.put(None)
            await sender
        finally:
            sender.cancel()


@contextmanager
def latency_proxy(
    target_host: str, target_port: int, round_trip_ms: float
) -> Iterator[LatencyProxy]:
    """A running LatencyProxy; its `port` is where to connect."""
    proxy = LatencyProxy(target_host, target_port, round_trip_ms)
    proxy.start()
    try:
        yield proxy
    finally:
        proxy.stop()
