"""Build a larger export from the sample: N rows over a mix of tables, ids renumbered per copy.

The rows are shared out between the tables by weight (largest remainders, so they add up to
exactly N), and each table's file is its sample records repeated until it holds its share, the
last repetition cut short. See :mod:`.sample` for what is repeated and how ids stay unique.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from .sample import SampleTable

#: The default mix: the export's biggest tables, weighted roughly as in the full export (receipts
#: and expenditures dominate). TEXT_MEMO_CD carries a NUL byte, so its blocks take the cleaner's
#: line-by-line path, as they do in the real file.
DEFAULT_MIX: tuple[tuple[str, int], ...] = (
    ("RCPT_CD", 35),
    ("EXPN_CD", 20),
    ("SMRY_CD", 15),
    ("FILER_FILINGS_CD", 10),
    ("CVR_CAMPAIGN_DISCLOSURE_CD", 5),
    ("S497_CD", 5),
    ("LOAN_CD", 5),
    ("TEXT_MEMO_CD", 5),
)


@dataclass(frozen=True)
class GeneratedTable:
    """One generated TSV and what it holds."""

    name: str
    path: Path
    rows: int
    #: Copies of the sample (the last one possibly partial).
    repetitions: int
    renumbered_column: str | None
    size: int


def share_rows(total: int, weights: Sequence[tuple[str, int]]) -> dict[str, int]:
    """Split ``total`` rows between tables in proportion to their weights, summing exactly."""
    weight_sum = sum(weight for _, weight in weights)
    exact = {name: total * weight / weight_sum for name, weight in weights}
    shares = {name: int(value) for name, value in exact.items()}
    by_remainder = sorted(exact, key=lambda name: exact[name] - shares[name], reverse=True)
    for name in by_remainder[: total - sum(shares.values())]:
        shares[name] += 1
    return shares


def write_table(sample: SampleTable, rows: int, folder: Path) -> GeneratedTable:
    """Write ``<folder>/<TABLE>.TSV``: the header, then ``rows`` records from repeated samples."""
    path = folder / f"{sample.name}.TSV"
    records = sample.records
    step = sample.distinct_values
    repetitions = -(-rows // len(records))
    with path.open("wb") as out:
        out.write(sample.header)
        for repetition in range(repetitions):
            count = min(len(records), rows - repetition * len(records))
            offset = repetition * step
            out.write(
                b"".join(
                    record.head
                    if record.rank is None
                    else b"%b%d%b" % (record.head, offset + record.rank, record.tail)
                    for record in records[:count]
                )
            )
    return GeneratedTable(
        name=sample.name,
        path=path,
        rows=rows,
        repetitions=repetitions,
        renumbered_column=sample.renumbered_column,
        size=path.stat().st_size,
    )


def generate_export(
    samples: dict[str, SampleTable], shares: dict[str, int], folder: Path
) -> list[GeneratedTable]:
    """Write every table's TSV into ``folder`` (created if needed), in the order of ``shares``."""
    folder.mkdir(parents=True, exist_ok=True)
    return [write_table(samples[name], rows, folder) for name, rows in shares.items()]
