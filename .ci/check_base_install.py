"""CI, in a virtual environment with the base install only (no extras):

- none of the extras' packages is installed (so this proves what it claims);
- every module of every package imports, tests aside (they need the dev tools), except the
  modules listed in NEEDS_EXTRA, which must fail for want of exactly that package;
- each feature of a missing extra is one line naming the extra to install, from Python and, for a
  database URL, from ``manage.py`` with exit code 2.

Run from the repository's root: ``python .ci/check_base_install.py``.
"""

from __future__ import annotations

import importlib
import importlib.util
import os
import pkgutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXTRA_PACKAGES = ("psycopg", "pymysql", "celery")
#: Modules that exist only for an extra, and the package whose absence stops their import.
NEEDS_EXTRA = {"calaccess_project.celery": "celery"}


def packages() -> list[str]:
    """The distribution's top-level packages (pyproject: ``django_commander*``, ``calaccess_*``)."""
    found = [*ROOT.glob("calaccess_*/__init__.py"), ROOT / "django_commander" / "__init__.py"]
    return sorted(path.parent.name for path in found)


def modules() -> list[str]:
    names = []
    for package in packages():
        names.append(package)
        path = [str(ROOT / package)]
        for module in pkgutil.walk_packages(path, prefix=f"{package}."):
            if ".tests" not in module.name:
                names.append(module.name)
    return names


def main() -> int:
    failures = []
    for package in EXTRA_PACKAGES:
        if importlib.util.find_spec(package) is not None:
            failures.append(f"{package} is installed, but the base install must not have it")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "calaccess_project.settings")
    import django

    django.setup()
    imported = 0
    for name in modules():
        try:
            importlib.import_module(name)
            imported += 1
        except ModuleNotFoundError as error:
            if NEEDS_EXTRA.get(name) != error.name:
                failures.append(f"{name}: {type(error).__name__}: {error}")
        except Exception as error:  # noqa: BLE001 - every failure is reported
            failures.append(f"{name}: {type(error).__name__}: {error}")
        else:
            if name in NEEDS_EXTRA:
                failures.append(f"{name} imported without {NEEDS_EXTRA[name]}")
    failures += missing_extra_failures()
    for failure in failures:
        print(failure, file=sys.stderr)
    print(f"{imported} modules imported without extras; {len(failures)} failures")
    return 1 if failures else 0


def missing_extra_failures() -> list[str]:
    """Using a feature of a missing extra is one line naming the extra."""
    from calaccess_toolkit.extras import MissingExtra
    from django_commander.tasks import run_command_task

    failures = []
    expected = (
        "Running commands on Celery workers needs celery, which is not installed: "
        "pip install 'calaccess-toolkit[celery]'"
    )
    try:
        run_command_task.delay("update_raw_data")
        failures.append("run_command_task.delay ran without Celery")
    except MissingExtra as error:
        if str(error) != expected:
            failures.append(f"run_command_task.delay: {error}")
    for url, extra, module in (
        ("postgres://postgres@127.0.0.1:5432/calaccess", "postgresql", "psycopg"),
        ("mysql://root@127.0.0.1:3306/calaccess", "mysql", "pymysql"),
    ):
        result = subprocess.run(
            [sys.executable, "manage.py", "check"],
            env={**os.environ, "DATABASE_URL": url},
            cwd=ROOT,
            capture_output=True,
            text=True,
        )
        feature = {"postgresql": "PostgreSQL", "mysql": "MySQL/MariaDB"}[extra]
        line = (
            f"MissingExtra: {feature} needs {module}, which is not installed: "
            f"pip install 'calaccess-toolkit[{extra}]'\n"
        )
        if (result.returncode, result.stderr) != (2, line):
            failures.append(f"manage.py check with {url}: {result.returncode} {result.stderr!r}")
    return failures


if __name__ == "__main__":
    sys.exit(main())
