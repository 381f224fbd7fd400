"""50 citizens book one time at the same moment (API, bearer tokens) against gunicorn and
PostgreSQL: exactly one 201, 49 clean 409s, no errors; the latency of those rounds against
rounds of 50 simultaneous bookings of 50 different times; and the insert rate the exclusion
constraint allows beside a plain unique constraint's."""

import http.client
import json
import statistics
import subprocess
import sys
import time
import uuid
from datetime import datetime, timedelta
from urllib.parse import urlsplit

import gevent
from gevent.event import Event

from perf.loadtest.server import BASE_DIR, base_env


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[max(0, -(-95 * len(ordered) // 100) - 1)] if ordered else 0.0


def fixtures(database_url: str, citizens: int, times: int) -> dict:
    result = subprocess.run(  # noqa: S603 - our own fixed command line
        [
            *(sys.executable, "-m", "perf.loadtest.fixtures", "contention"),
            *("--citizens", str(citizens), "--times", str(times)),
        ],
        cwd=BASE_DIR,
        env=base_env(database_url),
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode:
        raise RuntimeError(f"loadtest.fixtures failed:\n{result.stderr[-2000:]}")
    return json.loads(result.stdout)


def post_at_once(base_url: str, requests: list[tuple[str, dict]]) -> list[dict]:
    """POSTs each (token, body) to /api/v1/bookings over its own open connection, all released
    at one instant; returns status, ms from the release and the JSON answer of each."""
    address = urlsplit(base_url)
    go = Event()
    results: list[dict] = [{} for _ in requests]

    def post(i: int, token: str, body: dict) -> None:
        conn = http.client.HTTPConnection(
            address.hostname or "127.0.0.1", address.port, timeout=120
        )
        try:
            conn.connect()
            go.wait()
            began = time.perf_counter()
            conn.request(
                "POST",
                "/api/v1/bookings",
                body=json.dumps(body),
                headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"},
            )
            response = conn.getresponse()
            raw = response.read()
            ms = (time.perf_counter() - began) * 1000
            try:
                answer = json.loads(raw)
            except ValueError:
                answer = {"raw": raw[:200].decode(errors="replace")}
            results[i] = {"status": response.status, "ms": ms, "answer": answer}
        except Exception as error:  # recorded: an error is what this test counts
            results[i] = {"status": "error", "ms": 0.0, "answer": {"error": repr(error)}}
        finally:
            conn.close()

    workers = [gevent.spawn(post, i, t, b) for i, (t, b) in enumerate(requests)]
    gevent.sleep(0.5)  # every connection open
    go.set()
    gevent.joinall(workers, timeout=180)
    return results


def _cancel_since(database_url: str, since: datetime) -> None:
    """Frees the citizens again (the rule allows 3 coming bookings each)."""
    import psycopg

    with psycopg.connect(database_url, autocommit=True) as conn:
        conn.execute(
            "UPDATE booking_booking SET status = 'cancelled_citizen' "
            "WHERE created_at >= %s AND status = 'booked'",
            [since],
        )


def run_contention(base_url: str, database_url: str, *, citizens: int, rounds: int, log=print):
    """`rounds` contended rounds (all book one time) alternating with as many uncontended ones
    (each books a time of their own), after one uncontended warm-up round."""
    data = fixtures(database_url, citizens, times=citizens * (rounds + 1) + rounds)
    tokens, times = data["tokens"], list(data["times"])

    def body(slot: dict) -> dict:
        return {"topic": data["topic"], "mode": data["mode"], "note": "Belastningstest", **slot}

    def round_of(kind: str) -> list[dict]:
        since = datetime.now().astimezone() - timedelta(seconds=1)
        if kind == "contended":
            slot = times.pop()
            requests = [(t, body(slot)) for t in tokens]
        else:
            requests = [(t, body(times.pop(0))) for t in tokens]
        results = post_at_once(base_url, requests)
        _cancel_since(database_url, since)
        return results

    round_of("warm-up")
    contended: list[list[dict]] = []
    uncontended: list[list[dict]] = []
    for number in range(rounds):
        contended.append(round_of("contended"))
        uncontended.append(round_of("uncontended"))
        last = contended[-1]
        log(
            f"  round {number + 1}: contended "
            f"{sorted(str(r['status']) for r in last).count('201')} x 201, "
            f"{sum(r['status'] == 409 for r in last)} x 409; uncontended "
            f"{sum(r['status'] == 201 for r in uncontended[-1])} x 201"
        )

    rows = []
    for number, (c, u) in enumerate(zip(contended, uncontended, strict=True), start=1):
        clean_409 = sum(
            r["status"] == 409 and bool(r["answer"].get("detail")) and "alternatives" in r["answer"]
            for r in c
        )
        rows.append(
            {
                "round": number,
                "201": sum(r["status"] == 201 for r in c),
                "clean 409": clean_409,
                "errors": sum(r["status"] not in (201, 409) for r in c),
                "contended p50 ms": round(statistics.median(r["ms"] for r in c), 1),
                "contended p95 ms": round(p95([r["ms"] for r in c]), 1),
                "uncontended 201": sum(r["status"] == 201 for r in u),
                "uncontended errors": sum(r["status"] != 201 for r in u),
                "uncontended p95 ms": round(p95([r["ms"] for r in u]), 1),
            }
        )
    all_c = [r["ms"] for rnd in contended for r in rnd]
    all_u = [r["ms"] for rnd in uncontended for r in rnd]
    samples = [r for rnd in contended + uncontended for r in rnd if r["status"] not in (201, 409)]
    return {
        "citizens": citizens,
        "rounds": rounds,
        "rows": rows,
        "contended_p50_ms": round(statistics.median(all_c), 1),
        "contended_p95_ms": round(p95(all_c), 1),
        "uncontended_p50_ms": round(statistics.median(all_u), 1),
        "uncontended_p95_ms": round(p95(all_u), 1),
        "p95_ratio": round(p95(all_c) / p95(all_u), 2),
        "exactly_one_winner": all(r["201"] == 1 and r["clean 409"] == citizens - 1 for r in rows),
        "errors": sum(r["errors"] + r["uncontended errors"] for r in rows),
        "error_samples": [json.dumps(r["answer"])[:200] for r in samples[:5]],
    }


# --- Insert rates -----------------------------------------------------------------------------


def insert_rates(database_url: str, *, rows: int, log=print) -> dict:
    """Single-row INSERTs, each its own transaction as a booking is, of `rows` non-overlapping
    bookings of one consultant into (a) the booking table itself (exclusion constraints and
    foreign keys), (b) a scratch copy with the same exclusion constraints and no foreign keys,
    (c) a scratch copy where a plain UNIQUE (consultant_id, start) replaces them."""
    import psycopg
    from psycopg import sql

    with psycopg.connect(database_url, autocommit=True) as conn:
        template = conn.execute(
            "SELECT id FROM booking_booking WHERE room_id IS NULL ORDER BY id LIMIT 1"
        ).fetchone()
        if template is None:
            raise RuntimeError("insert_rates needs one booking without a room to copy")
        columns = [
            r[0]
            for r in conn.execute(
                "SELECT column_name FROM information_schema.columns WHERE table_name = "
                "'booking_booking' AND column_name <> 'id' ORDER BY ordinal_position"
            )
        ]
        for name in ("loadtest_scratch_exclusion", "loadtest_scratch_unique"):
            conn.execute(sql.SQL("DROP TABLE IF EXISTS {}").format(sql.Identifier(name)))
            conn.execute(
                sql.SQL("CREATE TABLE {} (LIKE booking_booking INCLUDING ALL)").format(
                    sql.Identifier(name)
                )
            )
        for (constraint,) in conn.execute(
            "SELECT conname FROM pg_constraint WHERE contype = 'x' AND conrelid = "
            "'loadtest_scratch_unique'::regclass"
        ).fetchall():
            conn.execute(
                sql.SQL("ALTER TABLE loadtest_scratch_unique DROP CONSTRAINT {}").format(
                    sql.Identifier(constraint)
                )
            )
        conn.execute(
            "ALTER TABLE loadtest_scratch_unique ADD CONSTRAINT loadtest_scratch_unique_slot "
            "UNIQUE (consultant_id, start)"
        )
        row = conn.execute(
            sql.SQL("SELECT {} FROM booking_booking WHERE id = %s").format(
                sql.SQL(", ").join(map(sql.Identifier, columns))
            ),
            [template[0]],
        ).fetchone()
        assert row is not None
        values = dict(zip(columns, row, strict=True))
        base = datetime(2031, 1, 6, 8, 0).astimezone()
        result, batched = {}, {}
        for table in ("booking_booking", "loadtest_scratch_exclusion", "loadtest_scratch_unique"):
            statement = sql.SQL("INSERT INTO {} ({}) VALUES ({})").format(
                sql.Identifier(table),
                sql.SQL(", ").join(map(sql.Identifier, columns)),
                sql.SQL(", ").join(sql.Placeholder() * len(columns)),
            )

            def insert_all(offset: int, statement=statement) -> float:
                began = time.perf_counter()
                for i in range(offset, offset + rows):
                    start = base + timedelta(hours=i)
                    values.update(
                        public_id=uuid.uuid4(),
                        idempotency_key=uuid.uuid4(),
                        start=start,
                        end=start + timedelta(minutes=45),
                        blocked_until=start + timedelta(minutes=60),
                        status="booked",
                    )
                    conn.execute(statement, [values[c] for c in columns])
                return rows / (time.perf_counter() - began)

            result[table] = round(insert_all(0), 1)  # autocommit: one transaction each
            with conn.transaction():  # all in one: the guard's own cost, without the commits
                batched[table] = round(insert_all(rows), 1)
            log(f"  {table}: {result[table]} inserts/s, {batched[table]}/s in one transaction")
        conn.execute("DELETE FROM booking_booking WHERE start >= %s", [base])
        conn.execute("DROP TABLE loadtest_scratch_exclusion, loadtest_scratch_unique")
    return {
        "rows": rows,
        "booking_table_per_s": result["booking_booking"],
        "scratch_exclusion_per_s": result["loadtest_scratch_exclusion"],
        "scratch_unique_per_s": result["loadtest_scratch_unique"],
        "exclusion_vs_unique": round(
            result["loadtest_scratch_exclusion"] / result["loadtest_scratch_unique"], 2
        ),
        "batched_per_s": batched,
        "batched_exclusion_vs_unique": round(
            batched["loadtest_scratch_exclusion"] / batched["loadtest_scratch_unique"], 2
        ),
        "booking_vs_unique": round(
            result["booking_booking"] / result["loadtest_scratch_unique"], 2
        ),
    }
