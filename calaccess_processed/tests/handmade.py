"""Small hand-made raw rows for the edge cases the coherent export has few or none of.

Filing ids from 99,000,001 and filer ids from 9,990,001 collide with nothing real. The rows are
added inside a test's transaction and rolled back with it, like the processing they feed.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from itertools import count

from calaccess_raw.models import CvrCampaignDisclosureCd, LoanCd, RcptCd, S497Cd, SmryCd

_ids = count(990_000_001)


def _moment(day: date) -> datetime:
    return datetime(day.year, day.month, day.day)


def cover(form: str, filing_id: int, amend_id: int, filer_id: int, start: date, end: date):
    return CvrCampaignDisclosureCd.objects.create(
        id=next(_ids),
        filing_id=filing_id,
        amend_id=amend_id,
        rec_type="CVR",
        form_type=form,
        filer_id=str(filer_id),
        filer_naml=f"HANDMADE COMMITTEE {filer_id}",
        from_date=_moment(start),
        thru_date=_moment(end),
    )


def contribution(
    filing_id: int, amend_id: int, line: int, tran_id: str, amount: str, form_type: str = "A"
):
    """A Schedule A row (monetary contribution received; A-1: to a special election committee)."""
    return RcptCd.objects.create(
        id=next(_ids),
        filing_id=filing_id,
        amend_id=amend_id,
        line_item=line,
        rec_type="RCPT",
        form_type=form_type,
        tran_id=tran_id,
        ctrib_naml=f"DONOR {tran_id}",
        amount=Decimal(amount),
    )


def summary_line(filing_id: int, amend_id: int, form_type: str, line: str, amount: str):
    return SmryCd.objects.create(
        id=next(_ids),
        filing_id=filing_id,
        amend_id=amend_id,
        line_item=line,
        rec_type="SMRY",
        form_type=form_type,
        amount_a=Decimal(amount),
    )


def late_contribution(filing_id: int, line: int, tran_id: str, day: date, amount: str):
    """A Form 497 Part 1 row (late contribution received)."""
    return S497Cd.objects.create(
        id=next(_ids),
        filing_id=filing_id,
        amend_id=0,
        line_item=line,
        rec_type="S497",
        form_type="F497P1",
        tran_id=tran_id,
        enty_naml=f"LATE DONOR {tran_id}",
        ctrib_date=_moment(day),
        amount=Decimal(amount),
    )


def loan(filing_id: int, line: int, form_type: str, loan_type: str, day: date | None, amount: str):
    """A LOAN_CD row of amendment 0 (Schedule B or H), lender named after its line."""
    return LoanCd.objects.create(
        id=next(_ids),
        filing_id=filing_id,
        amend_id=0,
        line_item=line,
        rec_type="LOAN",
        form_type=form_type,
        tran_id=f"LOAN-{line}",
        loan_type=loan_type,
        lndr_naml=f"LENDER {line}",
        loan_date1=day,
        loan_amt1=Decimal(amount),
    )
