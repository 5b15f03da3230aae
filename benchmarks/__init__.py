"""Benchmarks: a synthetic scale project (generate.py) and `python -m benchmarks`, which times the store, the pages,
the browser, the export and the app's memory, each beside a floor measured in the same run (see BENCHMARKS.md)."""
