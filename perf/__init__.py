"""The measurement lab: benchmarks (`bench`), load tests (`loadtest`), fault tests (`faults`)
and the national-scale data set (`scale`). It drives the product; the product never imports it
(perf/tests/test_boundary.py). Its packages are the `perf` extra (requirements/perf.txt)."""
