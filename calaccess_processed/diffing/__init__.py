"""What each amendment of a filing added, removed and changed, against the version before it.

Items are keyed by their schedule and ``transaction_id`` (stable across amendments; the line
number and form type when a filer left it blank); the cover's fields (with its summary-page
lines) and the lines of each schedule summary (``Form460ScheduleASummary``…) are compared one
by one. :func:`apply_diff` rebuilds version n from version n-1 and the diff, which is how the
diffs are tested.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ObjectDoesNotExist
from django.db import models

from calaccess_processed import specs
from calaccess_processed.models import PROCESSED_MODELS

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


def _values(row: models.Model) -> dict[str, Any]:
    return {
        f.attname: getattr(row, f.attname)
        for f in row._meta.concrete_fields
        if f.attname not in POSITION_FIELDS
    }


def _item_key(schedule: str, values: dict[str, Any]) -> ItemKey:
    line = f"line {values['line_item']} of {values.get('form_type') or '-'}"
    return (schedule, values.get("transaction_id") or line)


def snapshots(form: str, filing_id: int, amend_id: int | None = None) -> dict[int, Snapshot]:
    """Every version of a filing (or the one ``amend_id``) by amendment, each as its cover's
    fields, its schedule summaries and its items keyed by schedule and transaction.

    One query per model for all the versions, not one per model and version: a filing page with
    three versions of a Form 460 ran some sixty queries for its diffs.
    """
    form_spec = specs.load().form(form)
    wanted = {"filing_id": filing_id, **({} if amend_id is None else {"amend_id": amend_id})}
    cover_model = PROCESSED_MODELS[form_spec.filing.version_name]
    found: dict[int, Snapshot] = {
        row.amend_id: (_values(row), {}, {})
        for row in cover_model._default_manager.filter(**wanted)
    }
    for summary in form_spec.summaries:
        model = PROCESSED_MODELS[summary.version_name]
        for row in model._default_manager.filter(**wanted).order_by("amend_id", "pk"):
            version = found.get(row.amend_id)
            if version is not None and summary.name not in version[1]:  # a version's first
                version[1][summary.name] = _values(row)
    for item in form_spec.items:
        model = PROCESSED_MODELS[item.version_name]
        for row in model._default_manager.filter(**wanted):
            if (version := found.get(row.amend_id)) is not None:
                values = _values(row)
                version[2][_item_key(item.name, values)] = values
    return found


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


def form_of(filing_id: int) -> str:
    """The processed form a filing belongs to."""
    for form in specs.load().forms:
        versions = PROCESSED_MODELS[form.filing.version_name]._default_manager
        if versions.filter(filing_id=filing_id).exists():
            return form.id
    raise LookupError(f"no processed filing {filing_id}")


def diff_filing(filing_id: int) -> list[AmendmentDiff]:
    """The diff of every amendment of a filing against the version before it, in order."""
    versions = sorted(snapshots(form_of(filing_id), filing_id).items(), key=lambda pair: pair[0])
    return [diff_snapshots(filing_id, a, b) for a, b in zip(versions, versions[1:], strict=False)]


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
