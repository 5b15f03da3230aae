"""Benchmarks: a synthetic scale project (generate.py) and `python -m benchmarks`, which times the store, the pages,
the browser, the export and the app's memory, each beside a floor measured in the same run (see BENCHMARKS.md)."""

import statistics
import time


def median_time(work, runs: int) -> float:
    """The median of `runs` timings of `work()`, in seconds."""
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        work()
        times.append(time.perf_counter() - started)
    return statistics.median(times)
