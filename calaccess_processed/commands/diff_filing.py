"""The ``diff_filing`` command: what each amendment of one filing changed."""

from __future__ import annotations

from calaccess_processed.diffing import AmendmentDiff, diff_filing
from calaccess_toolkit.errors import UsageError
from django_commander.base import BasicCommand


class DiffFiling(BasicCommand):
    """Show what each amendment of a filing added, removed and changed (items by transaction,
    summary lines by field)."""

    @classmethod
    def add_arguments(cls, parser) -> None:
        parser.add_argument("filing_id", type=int, help="The filing's FILING_ID.")

    def run(self) -> list[AmendmentDiff]:
        try:
            diffs = diff_filing(self.parameters["filing_id"])
        except LookupError as error:
            raise UsageError(str(error)) from None
        if not diffs:
            self.say(f"Filing {self.parameters['filing_id']} has one version: nothing to compare.")
        for diff in diffs:
            self.say(f"Amendment {diff.to_amend_id} against {diff.from_amend_id}:")
            for name, (old, new) in sorted(diff.summary.items()):
                self.say(f"  {name}: {old} -> {new}")
            for schedule, lines in sorted(diff.summaries.items()):
                if lines is None:
                    self.say(f"  removed {schedule}")
                    continue
                for name, (old, new) in sorted(lines.items()):
                    self.say(f"  {schedule} {name}: {old} -> {new}")
            for label, rows in (("added", diff.added), ("removed", diff.removed)):
                for (schedule, key), values in sorted(rows.items()):
                    self.say(f"  {label} {schedule} {key}: {values.get('amount')}")
            for (schedule, key), changes in sorted(diff.changed.items()):
                text = ", ".join(f"{n} {o} -> {v}" for n, (o, v) in sorted(changes.items()))
                self.say(f"  changed {schedule} {key}: {text}")
        return diffs
