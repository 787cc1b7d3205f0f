"""The speed-and-memory benchmark of the raw pipeline (clean, then load) on every database.

The ``benchmark_raw_data`` command (``benchmarkcalaccessrawdata``) runs it; the pieces:

- :mod:`.sample` and :mod:`.generation` build a larger export from the sample at run time, in a
  temporary folder: N rows over a mix of the biggest tables, ids renumbered per copy;
- :mod:`.databases` creates a scratch database per vendor with the raw tables, and drops it;
- :mod:`.stages` are the measured work, each run in a process of its own by :mod:`.child` so
  that its peak memory can be read;
- :mod:`.runner` puts them together into a :class:`.figures.Report`, checked against the
  issue's targets by :mod:`.targets` and printed by :mod:`.rendering`.

This package imports nothing at its top level: :mod:`.child` runs as ``python -m`` before Django
is set up.
"""
