"""Run one measured stage in a fresh Python process and read its peak memory.

Each stage (:mod:`.stages`) runs in its own interpreter, started with ``python -m
calaccess_benchmark.child REQUEST RESULT``: its peak resident memory (``ru_maxrss``) is
then the stage's own, neither inflated by the data generated in the parent nor hidden in
it. A forked child would count the parent's pages too. A stage's own helpers (the loaders'
helper that types or rewrites a file, :mod:`calaccess_raw.loading.background`) count: the peak
is that of the largest process, the stage's or a helper's, and the CPU seconds are the sum of
all of them. The child also
reports its memory after Django's start-up, so the stage's own growth can be told from the
interpreter's. CPU seconds are close to the stage's seconds when Python does the work on one core,
above them when a helper works alongside, and far below them when a database server does it.

The request and the figures travel as JSON files, so nothing a library prints can corrupt them.
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from .errors import StageFailed


def run_stage(
    stage: str,
    request: dict[str, Any],
    work_dir: Path,
    environment: dict[str, str] | None = None,
) -> dict[str, Any]:
    """Run ``stage`` with ``request`` in a child process; its figures plus peak and start-up MB.

    ``environment`` replaces the child's (the end-to-end update's own settings); by default the
    child inherits this process's environment and settings module.
    """
    from django.conf import settings

    with tempfile.TemporaryDirectory(dir=work_dir, prefix=f"{stage}-") as folder:
        request_path, result_path = Path(folder, "request.json"), Path(folder, "result.json")
        request_path.write_text(json.dumps({"stage": stage, **request}))
        if environment is None:
            environment = {**os.environ, "DJANGO_SETTINGS_MODULE": settings.SETTINGS_MODULE}
        finished = subprocess.run(
            [sys.executable, "-m", __name__, str(request_path), str(result_path)],
            env=environment,
            capture_output=True,
            text=True,
        )
        if finished.returncode != 0 or not result_path.exists():
            lines = finished.stderr.strip().splitlines() or [f"exit {finished.returncode}"]
            raise StageFailed(f"the {stage} stage failed: {lines[-1]}")
        return json.loads(result_path.read_text())


#: The stage's process and the helpers it waited for.
_OURS = (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)


def _peak_mb(who: int | None = None) -> float:
    """The largest resident memory of this process and of every helper it waited for (or of
    ``who`` alone: ``RUSAGE_SELF``, or ``RUSAGE_CHILDREN``, the largest helper)."""
    peaks = (resource.getrusage(one).ru_maxrss for one in ((who,) if who else _OURS))
    return max(peaks) / 1024  # Linux: KiB


def _cpu_seconds() -> float:
    usages = [resource.getrusage(who) for who in _OURS]
    return sum(usage.ru_utime + usage.ru_stime for usage in usages)


def main(request_path: str, result_path: str) -> None:
    import django

    django.setup()
    from .stages import STAGES
    from .web_stages import WEB_STAGES

    request = json.loads(Path(request_path).read_text())
    startup_mb, startup_cpu = _peak_mb(), _cpu_seconds()
    figures = {**STAGES, **WEB_STAGES}[request["stage"]](request)
    figures.update(
        peak_mb=_peak_mb(),
        process_peak_mb=_peak_mb(resource.RUSAGE_SELF),
        helper_peak_mb=_peak_mb(resource.RUSAGE_CHILDREN),
        startup_mb=startup_mb,
        cpu_seconds=_cpu_seconds() - startup_cpu,
    )
    Path(result_path).write_text(json.dumps(figures))


if __name__ == "__main__":
    main(*sys.argv[1:])
