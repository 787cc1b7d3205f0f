"""The declared mapping from the raw export to the processed filing models: the one place it lives.

The facts sit in the CSV files of ``data/`` beside this module:

- ``models.csv``: one row per processed model pair (``<name>Version`` holds every amendment,
  ``<name>`` the latest): its form, kind (``filing``: one row per cover page; ``item``: one row
  per line of a schedule; ``summary``: one row per filing version with a schedule's summary
  lines of ``SMRY_CD`` as fields, declared in ``summary_lines.csv``), the raw table it reads,
  the ``FORM_TYPE`` values it takes and an optional record filter (:data:`RECORD_FILTERS`);
- ``columns.csv``: one row per field: the raw column it comes from and the conversion applied
  (see :data:`CONVERSIONS`);
- ``summary_lines.csv``: fields of a filing filled from its ``SMRY_CD`` lines (form type, line
  number, amount column);
- ``party_names.csv``: party names as filed in free text (``D``, ``Democrat``) → the party they
  name, in the words of the ``PARTY_CD`` lookup codes (``DEMOCRATIC``) (:func:`party_names`);
- ``totals_rules.csv``: the one documented rule by which totals never double count
  (:func:`totals_rules`);
- ``reconciliations.csv``: checks stored per filing version: a summary line against the sum of a
  schedule's items (memo rows excluded), or against another summary line. Each gives the fields
  ``<name>_difference`` (summary minus the other side) and ``<name>_reconciled``, and for items
  ``<name>_item_total``; users see them as a data-quality flag;
- ``indexes.csv``: extra indexes of a model pair (both models), for the browser's lists sorted at
  any depth by keyset (a sort column, then ``id`` as the unique tie-breaker).

Models (:mod:`calaccess_processed.models.filings`), the set-based loader
(:mod:`calaccess_processed.transforming`), the admin and the documentation derive from these
rows, so adding a schedule is adding rows. The models know nothing of the raw layout: another
source (the state's next system, CARS) can fill them through a mapping of its own.
A test checks every table, column and code named here against the raw schema.
"""

from __future__ import annotations

import csv
import functools
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"

#: What each conversion does to the raw column (and the type of field it produces).
CONVERSIONS = {
    "text": "text, blank stored as NULL",
    "integer": "integer as exported",
    "decimal": "decimal with cents, blank stored as NULL",
    "date": "date (a date-time's time of day dropped)",
    "flag": "boolean: a Y or X box is true, else false; a 0/1 number as is, blank NULL",
    "net_of_returns": "decimal; a returned item (TRAN_TYPE R) counts as -|amount|",
    "filer_xref": "integer filer id: through FILER_XREF_CD (latest effective), else the id itself",
    "lookup": "text: the code's meaning among the schema's lookup codes of the column, else NULL",
    "party": (
        "text: PARTY_CD's meaning unless 0 (N/A), else the PARTY text normalised through"
        " party_names.csv (other text upper-cased and trimmed as filed)"
    ),
}

KINDS = ("filing", "item", "summary")

#: Record filters a model may add to its FORM_TYPE values, over the raw row's columns. Two models
#: may share a form type only with complementary filters, so every row still has one home.
RECORD_FILTERS = {
    "": "every row of the form types",
    "memo_with_parent": "memo rows (MEMO_CODE set) that name a parent item (BAKREF_TID)",
    "not_memo_with_parent": "every row except memo rows that name a parent item",
    "b2_old_layout": (
        "Schedule B part 2 rows in the pre-2001 layout (repayments and forgiven loans): a"
        " LOAN_TYPE set (B2R, B2F, B2T) or a loan date before 22 December 2000"
    ),
    "not_b2_old_layout": "every Schedule B part 2 row in the layout since 2001 (loan guarantors)",
}

#: Record filters that split a form type between two models, each with its complement.
COMPLEMENTARY_FILTERS = (
    ("memo_with_parent", "not_memo_with_parent"),
    ("b2_old_layout", "not_b2_old_layout"),
)

#: The first day of the Schedule B part 2 layout of loan guarantors (Form 460 as revised in 2001).
B2_GUARANTOR_LAYOUT_SINCE = "2000-12-22"

#: The raw table of summary-page lines.
SUMMARY_TABLE = "SMRY_CD"
#: The raw table that resolves text filer ids to numeric ones.
FILER_XREF_TABLE = "FILER_XREF_CD"


@dataclass(frozen=True)
class FieldSpec:
    """One field of a processed model and the raw column it is converted from."""

    model: str
    field: str
    column: str
    conversion: str
    description: str


@dataclass(frozen=True)
class SummaryLineSpec:
    """One field of a filing taken from a summary-page line of ``SMRY_CD``."""

    model: str
    field: str
    form_type: str
    line_item: str
    column: str
    description: str


@dataclass(frozen=True)
class ReconciliationSpec:
    """A check of a filing version's summary line against its items or another line."""

    model: str
    name: str
    summary_field: str
    item_model: str
    item_field: str
    other_summary_field: str
    description: str

    @property
    def fields(self) -> tuple[str, ...]:
        """The fields the check stores on the filing version."""
        totals = (f"{self.name}_item_total",) if self.item_model else ()
        return (*totals, f"{self.name}_difference", f"{self.name}_reconciled")


@dataclass(frozen=True)
class ModelSpec:
    """One processed model pair and where its rows come from."""

    name: str
    form: str
    kind: str
    source_table: str
    form_types: tuple[str, ...]
    description: str
    fields: tuple[FieldSpec, ...]
    summary_lines: tuple[SummaryLineSpec, ...]
    reconciliations: tuple[ReconciliationSpec, ...] = ()
    record_filter: str = ""
    indexes: tuple[tuple[str, ...], ...] = ()

    @property
    def own_fields(self) -> tuple[str, ...]:
        """Every field of the model beyond the keys and the chain: what a version says."""
        return (
            *(spec.field for spec in self.fields),
            *(line.field for line in self.summary_lines),
            *(name for check in self.reconciliations for name in check.fields),
        )

    @property
    def version_name(self) -> str:
        """The model with every amendment (``Form460FilingVersion``)."""
        return f"{self.name}Version"

    @property
    def latest_name(self) -> str:
        """The model with the latest amendment only (``Form460Filing``)."""
        return self.name


@dataclass(frozen=True)
class FormSpec:
    """One form: its filing (cover) model and the item models of its schedules."""

    id: str
    filing: ModelSpec
    items: tuple[ModelSpec, ...]
    summaries: tuple[ModelSpec, ...] = ()

    @property
    def models(self) -> tuple[ModelSpec, ...]:
        return (self.filing, *self.summaries, *self.items)

    @property
    def summary_line_models(self) -> tuple[ModelSpec, ...]:
        """The models that take lines of ``SMRY_CD``: the cover and the schedule summaries."""
        return tuple(model for model in (self.filing, *self.summaries) if model.summary_lines)


@dataclass(frozen=True)
class Specs:
    """Every declared model, grouped by form."""

    models: tuple[ModelSpec, ...]

    @property
    def forms(self) -> tuple[FormSpec, ...]:
        forms = []
        for form_id in dict.fromkeys(model.form for model in self.models):
            members = [model for model in self.models if model.form == form_id]
            filings = [model for model in members if model.kind == "filing"]
            if len(filings) != 1:
                raise ValueError(f"form {form_id} needs exactly one filing model")
            items = tuple(model for model in members if model.kind == "item")
            summaries = tuple(model for model in members if model.kind == "summary")
            forms.append(FormSpec(form_id, filings[0], items, summaries))
        return tuple(forms)

    def form(self, form_id: str) -> FormSpec:
        wanted = form_id.strip().upper()
        for form in self.forms:
            if form.id == wanted:
                return form
        raise KeyError(f"no processed form {form_id!r}; known: {self.form_ids()}")

    def form_ids(self) -> str:
        return ", ".join(form.id for form in self.forms)

    def model(self, name: str) -> ModelSpec:
        for model in self.models:
            if name in {model.version_name, model.latest_name}:
                return model
        raise KeyError(f"no processed model {name!r}")

    def source_tables(self) -> dict[str, tuple[str, ...]]:
        """Each raw table read for items or covers, with every FORM_TYPE routed from it.

        Summary models are left out: they read ``SMRY_CD`` through their summary lines, many raw
        rows to one processed row.
        """
        tables: dict[str, list[str]] = {}
        for model in self.models:
            if model.kind == "summary":
                continue
            known = tables.setdefault(model.source_table, [])
            known.extend(t for t in model.form_types if t not in known)
        return {table: tuple(types) for table, types in tables.items()}


def _rows(name: str) -> Iterator[dict[str, str]]:
    with open(DATA_DIR / name, newline="", encoding="utf-8") as handle:
        yield from csv.DictReader(handle)


@functools.cache
def load() -> Specs:
    """Read the declared mapping (once per process)."""
    fields: dict[str, list[FieldSpec]] = {}
    for row in _rows("columns.csv"):
        if row["conversion"] not in CONVERSIONS:
            raise ValueError(f"columns.csv: unknown conversion {row['conversion']!r}")
        fields.setdefault(row["model"], []).append(FieldSpec(**row))
    lines: dict[str, list[SummaryLineSpec]] = {}
    for row in _rows("summary_lines.csv"):
        lines.setdefault(row["model"], []).append(SummaryLineSpec(**row))
    checks: dict[str, list[ReconciliationSpec]] = {}
    for row in _rows("reconciliations.csv"):
        checks.setdefault(row["model"], []).append(ReconciliationSpec(**row))
    indexes: dict[str, list[tuple[str, ...]]] = {}
    for row in _rows("indexes.csv"):
        indexes.setdefault(row["model"], []).append(tuple(row["fields"].split()))
    models = []
    for row in _rows("models.csv"):
        if row["record_filter"] not in RECORD_FILTERS:
            raise ValueError(f"models.csv: unknown record filter {row['record_filter']!r}")
        if row["kind"] not in KINDS:
            raise ValueError(f"models.csv: unknown kind {row['kind']!r} of {row['model']}")
        models.append(
            ModelSpec(
                name=row["model"],
                form=row["form"],
                kind=row["kind"],
                source_table=row["source_table"],
                form_types=tuple(row["form_types"].split()),
                description=row["description"],
                fields=tuple(fields.get(row["model"], ())),
                summary_lines=tuple(lines.get(row["model"], ())),
                reconciliations=tuple(checks.get(row["model"], ())),
                record_filter=row["record_filter"],
                indexes=tuple(indexes.get(row["model"], ())),
            )
        )
    return Specs(models=tuple(models))


@functools.cache
def party_names() -> dict[str, str]:
    """Party names as filed (upper case, trimmed) → the party they name (``D`` → ``DEMOCRATIC``)."""
    names: dict[str, str] = {}
    for row in _rows("party_names.csv"):
        filed = row["filed"].strip().upper()
        if filed in names:
            raise ValueError(f"party_names.csv: {filed!r} is declared twice")
        names[filed] = row["party"]
    return names


#: The values of ``totals_rules.csv`` the totals are built for; a change there fails loudly.
SUPPORTED_TOTALS_RULES = {
    "versions": "latest_amendment",
    "memo_rows": "excluded",
    "form_460_year": "thru_date",
    "late_contributions": "uncovered_only",
    "late_contribution_year": "transaction_date",
    "overlapping_periods": "later_filing_wins",
    "form_460_period": "from_date_thru_date",
    "late_contribution_period": "after_last_460_period",
}


@functools.cache
def totals_rules() -> dict[str, str]:
    """The declared totals rule, checked against what the totals SQL implements."""
    rules = {row["rule"]: row["value"] for row in _rows("totals_rules.csv")}
    if rules != SUPPORTED_TOTALS_RULES:
        raise ValueError(
            f"totals_rules.csv declares {rules}; the totals implement {SUPPORTED_TOTALS_RULES}"
        )
    return rules
