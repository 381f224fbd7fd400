"""CPU per request: each part's milliseconds, the server's sum without the load generator,
and what 2 idle cores would serve."""

import os

from perf.loadtest.cpu import per_request, tree_cpu


def test_per_request_figures():
    before = {"app": 10.0, "database": 2.0, "load generator": 1.0}
    after = {"app": 15.0, "database": 3.0, "load generator": 1.5}

    figures = per_request(before, after, requests=100)

    assert figures["app cpu ms/req"] == 50.0
    assert figures["database cpu ms/req"] == 10.0
    assert figures["load generator cpu ms/req"] == 5.0
    assert figures["server cpu ms/req"] == 60.0
    assert figures["req/s on 2 idle cores"] == round(2000 / 60, 1)
    assert per_request(before, after, requests=0) == {}


def test_tree_cpu_of_this_process_and_of_none():
    assert tree_cpu(os.getpid()) > 0
    assert tree_cpu(2**22 + 12345) == 0.0  # no such process
