"""Every task of the locustfile once or more, in order, one user at a time:
`python -m perf.loadtest.smoke http://127.0.0.1:8000 [--rounds 2]` prints JSON with each page's
requests and failures. The tests run it against a live server (in a process of its own,
because locust patches the standard library with gevent)."""

from gevent import monkey

monkey.patch_all()

import argparse  # noqa: E402
import json  # noqa: E402
import sys  # noqa: E402

from locust import events  # noqa: E402
from locust.env import Environment  # noqa: E402

from perf.loadtest import locustfile  # noqa: E402
from perf.loadtest.runner import MIXED_USERS, Recorder  # noqa: E402


def smoke(base_url: str, rounds: int) -> dict:
    env = Environment(user_classes=MIXED_USERS, host=base_url, events=events)
    recorder = Recorder()
    recorder.phase = "smoke"
    env.events.request.add_listener(recorder)
    env.create_local_runner()  # hooks the statistics to the request events; never started
    for user_class in MIXED_USERS:
        user_class.host = base_url
        user = user_class(env)
        user.on_start()
        tasks = list(dict.fromkeys(user_class.tasks))  # @task(weight) repeats a task
        for _ in range(rounds):
            for function in tasks:
                function(user)  # type: ignore[operator]  # tasks here are functions
    pages = {
        name: {"requests": entry.num_requests, "failures": entry.num_failures}
        for (name, _method), entry in env.stats.entries.items()
    }
    return {
        "pages": pages,
        "status_codes": dict(recorder.codes.get("smoke", {})),
        "errors": [f"{e.method} {e.name}: {e.error}" for e in env.stats.errors.values()],
        "counters": dict(locustfile.COUNTERS),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("base_url")
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    json.dump(smoke(args.base_url, args.rounds), sys.stdout)


if __name__ == "__main__":
    main()
