"""The benchmark's figures: per stage, per database and size, and the whole report."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class StageFigures:
    """One measured stage (clean, load or floor) over all tables, in its own process."""

    rows: int
    seconds: float
    #: Peak resident memory of the stage's largest process (its own or a helper's), and the
    #: stage's process's after Django's start-up.
    peak_mb: float
    startup_mb: float
    #: CPU seconds of the stage's process and its helpers (a database server's are not in them).
    cpu_seconds: float
    #: What the child reported per table (seconds, rows and the stage's own counts).
    tables: tuple[dict[str, Any], ...]
    #: For a load that cleaned each table in the background, one ahead (as the update command
    #: does on a database server): the first table's clean (see :attr:`wall_seconds`).
    first_clean_seconds: float | None = None

    @classmethod
    def from_child(cls, figures: dict[str, Any], rows_key: str = "rows") -> StageFigures:
        tables = tuple(figures["tables"])
        return cls(
            rows=sum(table[rows_key] for table in tables),
            seconds=sum(table["seconds"] for table in tables),
            peak_mb=figures["peak_mb"],
            startup_mb=figures["startup_mb"],
            cpu_seconds=figures["cpu_seconds"],
            tables=tables,
            first_clean_seconds=figures.get("first_clean_seconds"),
        )

    @classmethod
    def best_of(cls, runs: list[StageFigures]) -> StageFigures:
        """Several runs of a stage as one: each table's fastest run, the largest peak.

        Taking the best per table (the same for load and floor) keeps a slow moment of the
        machine, which on a shared machine can last a table or two, out of either figure. Every
        run accounted for the same rows.
        """
        tables = tuple(
            min(runs_of_table, key=_counted_seconds)
            for runs_of_table in zip(*(run.tables for run in runs), strict=True)
        )
        first_cleans = [run.first_clean_seconds for run in runs]
        return cls(
            rows=runs[0].rows,
            seconds=sum(table["seconds"] for table in tables),
            peak_mb=max(run.peak_mb for run in runs),
            startup_mb=max(run.startup_mb for run in runs),
            cpu_seconds=min(run.cpu_seconds for run in runs),
            tables=tables,
            first_clean_seconds=None if None in first_cleans else min(first_cleans),
        )

    @property
    def wall_seconds(self) -> float | None:
        """For a load that cleaned ahead: the first table's clean plus each table's
        ``overlapped_seconds`` (its load alongside the next table's clean)."""
        if self.first_clean_seconds is None:
            return None
        return self.first_clean_seconds + sum(map(_counted_seconds, self.tables))

    @property
    def rows_per_second(self) -> float:
        return self.rows / self.seconds if self.seconds else 0.0

    def as_json(self) -> dict[str, Any]:
        return {
            "rows": self.rows,
            "seconds": round(self.seconds, 4),
            "cpu_seconds": round(self.cpu_seconds, 4),
            "rows_per_second": round(self.rows_per_second),
            "peak_mb": round(self.peak_mb, 1),
            "startup_mb": round(self.startup_mb, 1),
            "wall_seconds": None if self.wall_seconds is None else round(self.wall_seconds, 4),
            "first_clean_seconds": self.first_clean_seconds,
            "tables": list(self.tables),
        }


def _counted_seconds(table: dict[str, Any]) -> float:
    return table.get("overlapped_seconds", table["seconds"])


@dataclass(frozen=True)
class DatabaseRun:
    """Clean and load of one generated export into one database (and PostgreSQL's floor)."""

    vendor: str
    rows: int
    clean: StageFigures
    load: StageFigures
    floor: StageFigures | None = None

    @property
    def clean_and_load_seconds(self) -> float:
        """Clean and load as the update command runs them: overlapped where the load stage
        cleaned ahead (its wall time covers both), else one after the other."""
        if self.load.wall_seconds is not None:
            return self.load.wall_seconds
        return self.clean.seconds + self.load.seconds

    @property
    def clean_and_load_rows_per_second(self) -> float:
        seconds = self.clean_and_load_seconds
        return self.rows / seconds if seconds else 0.0

    @property
    def peak_mb(self) -> float:
        """The larger of the two stages' peaks: what running clean then load needs."""
        return max(self.clean.peak_mb, self.load.peak_mb)

    @property
    def floor_ratio(self) -> float | None:
        """Clean + load time over the floor's time (1.0 would be as fast as the floor)."""
        if self.floor is None or not self.floor.seconds:
            return None
        return self.clean_and_load_seconds / self.floor.seconds

    def as_json(self) -> dict[str, Any]:
        ratio = self.floor_ratio
        return {
            "database": self.vendor,
            "rows": self.rows,
            "clean": self.clean.as_json(),
            "load": self.load.as_json(),
            "clean_and_load": {
                "seconds": round(self.clean_and_load_seconds, 4),
                "rows_per_second": round(self.clean_and_load_rows_per_second),
                "peak_mb": round(self.peak_mb, 1),
            },
            "floor": self.floor.as_json() if self.floor else None,
            "floor_ratio": round(ratio, 3) if ratio is not None else None,
        }


@dataclass(frozen=True)
class UpdateRun:
    """One ``updatecalaccessrawdata --noinput`` from the local server into one empty database,
    with, on PostgreSQL, the floor measured on the tables it loaded, and with ``--filings`` the
    processing of those tables into filings in the same database."""

    vendor: str
    #: Rows generated for the measured size (the headline's size) and rows the update loaded
    #: (those plus the sample's other tables, loaded as they are).
    generated_rows: int
    rows: int
    seconds: float
    #: Peak resident memory of the update's process and of its largest helper process.
    process_peak_mb: float
    helper_peak_mb: float
    cpu_seconds: float
    #: Per command of the update's log: runs and seconds summed (they overlap where steps do).
    steps: dict[str, dict[str, float]]
    floor: StageFigures | None = None
    #: Local Celery workers the tables' steps ran on (0: threads of the update's process), and
    #: the largest peak of their processes.
    workers: int = 0
    worker_peak_mb: float = 0.0
    #: With ``--filings``: the processing's figures (rows: raw rows it read).
    process: StageFigures | None = None
    #: Rows each table holds after the update.
    tables: dict[str, int] = field(default_factory=dict)

    @classmethod
    def from_child(
        cls,
        vendor: str,
        generated_rows: int,
        figures: dict[str, Any],
        floor: StageFigures | None,
        process: StageFigures | None = None,
    ) -> UpdateRun:
        return cls(
            vendor=vendor,
            generated_rows=generated_rows,
            rows=sum(table["stored_rows"] for table in figures["tables"]),
            seconds=figures["update_seconds"],
            process_peak_mb=figures["process_peak_mb"],
            helper_peak_mb=figures["helper_peak_mb"],
            cpu_seconds=figures["cpu_seconds"],
            steps=figures["steps"],
            floor=floor,
            workers=figures.get("workers", 0),
            worker_peak_mb=figures.get("worker_peak_mb", 0.0),
            process=process,
            tables={table["table"]: table["stored_rows"] for table in figures["tables"]},
        )

    @property
    def label(self) -> str:
        """The database, and the Celery workers when there were any."""
        return f"{self.vendor} on {self.workers} workers" if self.workers else self.vendor

    @property
    def peak_mb(self) -> float:
        return max(self.process_peak_mb, self.helper_peak_mb, self.worker_peak_mb)

    @property
    def rows_per_second(self) -> float:
        return self.rows / self.seconds if self.seconds else 0.0

    @property
    def floor_ratio(self) -> float | None:
        """The whole update's time over the floor's (1.0: as fast as one COPY stream)."""
        if self.floor is None or not self.floor.seconds:
            return None
        return self.seconds / self.floor.seconds

    @property
    def process_ratio(self) -> float | None:
        """Processing time over the whole raw update's time of the same run."""
        if self.process is None or not self.seconds:
            return None
        return self.process.seconds / self.seconds

    def step_seconds(self, command: str) -> float:
        return self.steps.get(command, {}).get("seconds", 0.0)

    def as_json(self) -> dict[str, Any]:
        ratio, process_ratio = self.floor_ratio, self.process_ratio
        return {
            "database": self.vendor,
            "workers": self.workers,
            "worker_peak_mb": round(self.worker_peak_mb, 1),
            "generated_rows": self.generated_rows,
            "rows": self.rows,
            "seconds": round(self.seconds, 4),
            "rows_per_second": round(self.rows_per_second),
            "process_peak_mb": round(self.process_peak_mb, 1),
            "helper_peak_mb": round(self.helper_peak_mb, 1),
            "cpu_seconds": round(self.cpu_seconds, 4),
            "steps": {
                name: {"runs": int(step["runs"]), "seconds": round(step["seconds"], 4)}
                for name, step in sorted(self.steps.items())
            },
            "floor": self.floor.as_json() if self.floor else None,
            "floor_ratio": round(ratio, 3) if ratio is not None else None,
            "process": self.process.as_json() if self.process else None,
            "process_ratio": round(process_ratio, 3) if process_ratio is not None else None,
            "tables": dict(sorted(self.tables.items())),
        }


@dataclass(frozen=True)
class TargetCheck:
    """One target of the issue and whether this run met it (None: not measured)."""

    name: str
    met: bool | None
    detail: str

    @property
    def verdict(self) -> str:
        return {True: "met", False: "MISSED", None: "not measured"}[self.met]

    def as_json(self) -> dict[str, Any]:
        return {"target": self.name, "met": self.met, "detail": self.detail}


@dataclass(frozen=True)
class GeneratedFigures:
    """What was generated for one size: rows and repetitions per table."""

    rows: int
    seconds: float
    tables: tuple[dict[str, Any], ...]

    def as_json(self) -> dict[str, Any]:
        return {"rows": self.rows, "seconds": round(self.seconds, 3), "tables": list(self.tables)}


@dataclass
class Report:
    """Everything one benchmark run measured."""

    rows: int
    growth: int
    repeat: int
    sample: str
    generated: list[GeneratedFigures] = field(default_factory=list)
    runs: list[DatabaseRun] = field(default_factory=list)
    updates: list[UpdateRun] = field(default_factory=list)
    targets: list[TargetCheck] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        return {
            "rows": self.rows,
            "growth": self.growth,
            "repeat": self.repeat,
            "sample": self.sample,
            "generated": [figures.as_json() for figures in self.generated],
            "updates": [update.as_json() for update in self.updates],
            "runs": [run.as_json() for run in self.runs],
            "targets": [target.as_json() for target in self.targets],
        }
