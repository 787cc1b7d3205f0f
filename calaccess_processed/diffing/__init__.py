"""What each amendment of a filing added, removed and changed, against the version before it.

Items are keyed by their schedule and ``transaction_id`` (stable across amendments; the line
number and form type when a filer left it blank); the cover's fields (with its summary-page
lines) and the lines of each schedule summary (``Form460ScheduleASummary``…) are compared one
by one. The rows come from :mod:`.reading` (each model that holds rows of the filing read once
for every version). :func:`apply_diff` rebuilds version n from version n-1 and the diff, which
is how the diffs are tested.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ObjectDoesNotExist

from .reading import FilingRows, find_filing, read_filing

#: Columns that say where a row sits, not what it says.
POSITION_FIELDS = frozenset(
    {"id", "filing_id", "amend_id", "version_number", "is_latest", "superseded_by_amend_id"}
)

ItemKey = tuple[str, str]
#: One version: its cover's fields, its schedule summaries by model, its items by key.
Snapshot = tuple[dict[str, Any], dict[str, dict[str, Any]], dict[ItemKey, dict[str, Any]]]


@dataclass
class AmendmentDiff:
    """The change from one version of a filing (``from_amend_id``) to the next."""

    filing_id: int
    from_amend_id: int
    to_amend_id: int
    summary: dict[str, tuple[Any, Any]] = field(default_factory=dict)
    #: Changed lines of each schedule summary; a summary the new version dropped is ``None``,
    #: one it added lists every line (old value ``None``).
    summaries: dict[str, dict[str, tuple[Any, Any]] | None] = field(default_factory=dict)
    added: dict[ItemKey, dict[str, Any]] = field(default_factory=dict)
    removed: dict[ItemKey, dict[str, Any]] = field(default_factory=dict)
    changed: dict[ItemKey, dict[str, tuple[Any, Any]]] = field(default_factory=dict)

    @property
    def is_empty(self) -> bool:
        return not (self.summary or self.summaries or self.added or self.removed or self.changed)


def _values(row: dict[str, Any]) -> dict[str, Any]:
    return {name: value for name, value in row.items() if name not in POSITION_FIELDS}


def _item_key(schedule: str, values: dict[str, Any]) -> ItemKey:
    line = f"line {values['line_item']} of {values.get('form_type') or '-'}"
    return (schedule, values.get("transaction_id") or line)


def snapshots_of(rows: FilingRows) -> dict[int, Snapshot]:
    """Each version of the rows read by amendment: its cover's fields, its schedule summaries
    (a version's first row of each) and its items keyed by schedule and transaction."""
    found: dict[int, Snapshot] = {row["amend_id"]: (_values(row), {}, {}) for row in rows.versions}
    for name, summary_rows in rows.summaries.items():
        for row in summary_rows:
            version = found.get(row["amend_id"])
            if version is not None and name not in version[1]:  # a version's first
                version[1][name] = _values(row)
    for name, item_rows in rows.items.items():
        for row in item_rows:
            if (version := found.get(row["amend_id"])) is not None:
                values = _values(row)
                version[2][_item_key(name, values)] = values
    return found


def snapshots(form: str, filing_id: int, amend_id: int | None = None) -> dict[int, Snapshot]:
    """Every version of a filing (or the one ``amend_id``) by amendment (see
    :func:`snapshots_of`), read once per model that holds rows of it."""
    return snapshots_of(read_filing(form, filing_id, amend_id))


def snapshot(form: str, filing_id: int, amend_id: int) -> Snapshot:
    """One version of a filing (see :func:`snapshots`)."""
    versions = snapshots(form, filing_id, amend_id)
    if amend_id not in versions:
        raise ObjectDoesNotExist(f"no version {amend_id} of filing {filing_id}")
    return versions[amend_id]


def _changes(old: dict[str, Any], new: dict[str, Any]) -> dict[str, tuple[Any, Any]]:
    return {name: (old.get(name), value) for name, value in new.items() if old.get(name) != value}


def diff_snapshots(
    filing_id: int, before: tuple[int, Snapshot], after: tuple[int, Snapshot]
) -> AmendmentDiff:
    (from_amend, (old_cover, old_summaries, old_items)) = before
    (to_amend, (new_cover, new_summaries, new_items)) = after
    diff = AmendmentDiff(filing_id, from_amend, to_amend, summary=_changes(old_cover, new_cover))
    for name in old_summaries.keys() - new_summaries.keys():
        diff.summaries[name] = None
    for name, lines in new_summaries.items():
        if name not in old_summaries:
            diff.summaries[name] = {line: (None, value) for line, value in lines.items()}
        elif changes := _changes(old_summaries[name], lines):
            diff.summaries[name] = changes
    for key, values in new_items.items():
        if key not in old_items:
            diff.added[key] = values
        elif changes := _changes(old_items[key], values):
            diff.changed[key] = changes
    diff.removed = {key: values for key, values in old_items.items() if key not in new_items}
    return diff


def diff_versions(filing_id: int, versions: dict[int, Snapshot]) -> list[AmendmentDiff]:
    """The diff of every version against the one before it, in order of amendment."""
    ordered = sorted(versions.items(), key=lambda pair: pair[0])
    return [diff_snapshots(filing_id, a, b) for a, b in zip(ordered, ordered[1:], strict=False)]


def diff_filing(filing_id: int) -> list[AmendmentDiff]:
    """The diff of every amendment of a filing against the version before it, in order."""
    return diff_versions(filing_id, snapshots_of(find_filing(filing_id)))


def apply_diff(before: Snapshot, diff: AmendmentDiff) -> Snapshot:
    """Version n rebuilt from version n-1 and the diff between them."""
    cover = dict(before[0])
    summaries = {name: dict(lines) for name, lines in before[1].items()}
    items = {key: dict(values) for key, values in before[2].items()}
    cover.update({name: new for name, (_old, new) in diff.summary.items()})
    for name, changes in diff.summaries.items():
        if changes is None:
            del summaries[name]
        else:
            summaries.setdefault(name, {}).update(
                {line: new for line, (_o, new) in changes.items()}
            )
    for key in diff.removed:
        del items[key]
    for key, changes in diff.changed.items():
        items[key].update({name: new for name, (_old, new) in changes.items()})
    items.update({key: dict(values) for key, values in diff.added.items()})
    return cover, summaries, items
