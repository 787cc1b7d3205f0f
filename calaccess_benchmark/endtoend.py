"""The headline measurement: ``updatecalaccessrawdata --noinput`` as users run it.

The generated tables and the sample's other tables go into one ZIP (deflated, as the state's
export is), served by a plain HTTP server on 127.0.0.1 in a thread of the benchmark's process.
Each measured update gets an empty scratch database, migrated by ``manage.py migrate`` in a
process of its own (not timed), and an empty data folder; the update then runs in a fresh child
(:mod:`.child`) with the environment a user would give it (``DATABASE_URL``,
``CALACCESS_DATA_DIR``, ``CALACCESS_DOWNLOAD_URL``): download, extract, clean, load, verify and
tracking, all of it timed. The figures are the whole update's seconds, its steps' seconds from
its own command log, and the peak memory of its process and of its largest helper.
"""

from __future__ import annotations

import contextlib
import functools
import os
import subprocess
import sys
import threading
import uuid
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import quote

from .databases import ENGINES
from .errors import StageFailed

#: Where the state's export keeps its tables inside the ZIP.
MEMBER_FOLDER = "CalAccess/DATA"
#: The settings module the update runs with: the ready-to-use project, read from the environment.
PROJECT_SETTINGS = "calaccess_project.settings"


def build_export_zip(sample: Path, generated_tsv: Path, target: Path) -> Path:
    """Write ``target``: every generated TSV, plus the sample's tables not generated, as is.

    The update then finds every table of the schema and ends complete rather than partial.
    Deflate level 1 keeps the (untimed) building short; inflating costs about the same at any
    level.
    """
    generated = {path.name.upper(): path for path in generated_tsv.glob("*.TSV")}
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as out:
        for name, path in sorted(generated.items()):
            out.write(path, f"{MEMBER_FOLDER}/{name}")
        with zipfile.ZipFile(sample) as source:
            for info in source.infolist():
                name = info.filename.rsplit("/", 1)[-1].upper()
                if name.endswith(".TSV") and name not in generated:
                    out.writestr(f"{MEMBER_FOLDER}/{name}", source.read(info))
    return target


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - http.server's name
        return


@contextmanager
def serving(folder: Path) -> Iterator[str]:
    """Serve ``folder`` over HTTP on 127.0.0.1 in a thread; yields the base URL."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        host, port = server.server_address[:2]
        yield f"http://{host}:{port}"
    finally:
        server.shutdown()
        server.server_close()


def database_url(settings: dict[str, Any]) -> str:
    """The ``DATABASE_URL`` that names the scratch database of ``settings``."""
    if settings["ENGINE"] == ENGINES["sqlite"]:
        return f"sqlite:///{settings['NAME']}"
    scheme = "postgres" if settings["ENGINE"] == ENGINES["postgresql"] else "mysql"
    user = quote(str(settings.get("USER") or ""), safe="")
    password = settings.get("PASSWORD")
    credentials = f"{user}:{quote(str(password), safe='')}" if password else user
    host = settings.get("HOST") or "127.0.0.1"
    port = f":{settings['PORT']}" if settings.get("PORT") else ""
    return f"{scheme}://{credentials}@{host}{port}/{settings['NAME']}"


def update_environment(settings: dict[str, Any], data_dir: Path, url: str) -> dict[str, str]:
    """The environment of a user's update into the scratch database, from ``url``."""
    data_dir.mkdir(parents=True, exist_ok=True)
    environment = {  # the framework's tuning (DJANGO_COMMANDER_PARALLEL_STEPS) passes through
        key: value
        for key, value in os.environ.items()
        if key.startswith("DJANGO_COMMANDER_")
        or not key.startswith(("CALACCESS_", "DJANGO_", "DATABASE_URL"))
    }
    environment.update(
        DJANGO_SETTINGS_MODULE=PROJECT_SETTINGS,
        CALACCESS_LOCAL="1",
        DATABASE_URL=database_url(settings),
        CALACCESS_DATA_DIR=str(data_dir),
        CALACCESS_DOWNLOAD_URL=f"{url}/dbwebexport.zip",
    )
    return environment


@contextmanager
def celery_workers(count: int, environment: dict[str, str], folder: Path) -> Iterator[list[float]]:
    """Start ``count`` local Celery workers (one task at a time each) on a queue of their own and
    point the update's ``environment`` at them; yields the list that receives each worker's peak
    MB once the block ends and they are stopped. With ``count`` 0, nothing happens."""
    peaks: list[float] = []
    if not count:
        yield peaks
        return
    queue = f"benchmark-{uuid.uuid4().hex[:8]}"
    environment.update(
        DJANGO_COMMANDER_STEP_WORKERS="celery",
        DJANGO_COMMANDER_CELERY_QUEUE=queue,
        DJANGO_COMMANDER_PARALLEL_STEPS=str(count),
    )
    processes = []
    with contextlib.ExitStack() as stack:
        for number in range(1, count + 1):
            log = stack.enter_context((folder / f"worker{number}.log").open("wb"))
            command = [sys.executable, "-m", "celery", "-A", "calaccess_project", "worker"]
            command += ["--pool=solo", "--prefetch-multiplier=1", "-n", f"bench{number}@%h"]
            command += ["-Q", queue, "--loglevel=WARNING", "--without-gossip", "--without-mingle"]
            processes.append(
                subprocess.Popen(command, env=environment, stdout=log, stderr=subprocess.STDOUT)
            )
        try:
            yield peaks
        finally:
            for process in processes:
                process.terminate()
            for process in processes:
                _pid, _status, usage = os.wait4(process.pid, 0)
                process.returncode = _status
                peaks.append(usage.ru_maxrss / 1024)  # Linux: KiB


def migrate(environment: dict[str, str]) -> None:
    """Create every table of the project in the scratch database (not timed)."""
    finished = subprocess.run(
        [sys.executable, "-m", "django", "migrate", "--noinput", "-v", "0"],
        env=environment,
        capture_output=True,
        text=True,
    )
    if finished.returncode != 0:
        lines = finished.stderr.strip().splitlines() or [f"exit {finished.returncode}"]
        raise StageFailed(f"migrating the scratch database failed: {lines[-1]}")
