"""The browser's lists, declared once: every page, API answer, download, feed and the OpenAPI
description of a list is generated from its :class:`~calaccess_web.lists.spec.ListSpec` here.

Sorts name only columns with a declared index (``calaccess_processed/specs/data/indexes.csv``,
or the raw schema's own indexes), each followed by ``id``, so any page costs about the first.
"""

from __future__ import annotations

from .spec import Column, Filter, ListSpec, Sort

PROCESSED = "calaccess_processed."


def _committee_filters(date_field: str, noun: str) -> tuple[Filter, ...]:
    """The filters every list of items shares: dates, cycle, committee and filing."""
    return (
        Filter("date_from", (date_field,), "gte", "date", f"{noun} on or after this day"),
        Filter("date_to", (date_field,), "lte", "date", f"{noun} on or before this day"),
        Filter(
            "cycle",
            (date_field,),
            "cycle",
            "integer",
            f"Two-year election cycle by its even year: 2016 is {noun.lower()} in 2015-2016",
        ),
        Filter(
            "committee",
            ("filer_internal_id",),
            "exact",
            "integer",
            "Filer id of the committee that filed it",
            on_filing=True,
        ),
        Filter("filing", ("filing_id",), "exact", "integer", "Filing id"),
    )


def _amount_filters(noun: str) -> tuple[Filter, ...]:
    return (
        Filter("min_amount", ("amount",), "gte", "decimal", f"{noun} of at least this amount"),
        Filter("max_amount", ("amount",), "lte", "decimal", f"{noun} of at most this amount"),
    )


def _item_columns() -> tuple[Column, ...]:
    return (
        Column("filing_id", "Filing", "integer"),
        Column("amend_id", "Amendment", "integer"),
        Column("line_item", "Line", "integer"),
        Column("transaction_id", "Transaction"),
    )


COMMITTEE_COLUMNS = (
    Column("committee_id", "Committee id", "integer"),
    Column("committee_name", "Committee"),
)
FILING_COLUMNS = {"committee_id": "filer_internal_id", "committee_name": "filer_lastname"}

CONTRIBUTIONS = ListSpec(
    name="contributions",
    title="Contributions",
    model=PROCESSED + "Form460ScheduleAItem",
    versions_model=PROCESSED + "Form460ScheduleAItemVersion",
    filing_model=PROCESSED + "Form460Filing",
    filing_versions_model=PROCESSED + "Form460FilingVersion",
    filing_columns=FILING_COLUMNS,
    committee_filter="committee",
    committee_column="committee_id",
    description=(
        "Monetary contributions received (Form 460 Schedules A and A-1) by every committee; the "
        "latest amendment of each filing unless versions=all."
    ),
    filters=(
        Filter(
            "name",
            ("contributor_lastname", "contributor_firstname"),
            "icontains",
            "string",
            "Part of the contributor's last (or business) name or first name",
        ),
        Filter(
            "employer", ("contributor_employer",), "icontains", "string", "Part of the employer"
        ),
        Filter(
            "occupation",
            ("contributor_occupation",),
            "icontains",
            "string",
            "Part of the occupation",
        ),
        Filter("city", ("contributor_city",), "iexact", "string", "The contributor's city"),
        Filter("zip", ("contributor_zip",), "startswith", "string", "Start of the ZIP code"),
        *_amount_filters("Contributions"),
        *_committee_filters("date_received", "Received"),
    ),
    sorts=(
        Sort("date", "date_received", "date", "Date received"),
        Sort("amount", "amount", "decimal", "Amount as filed"),
    ),
    default_sort="-date",
    columns=(
        *_item_columns(),
        Column("date_received", "Date", "date"),
        Column("amount", "Amount", "decimal"),
        Column("contributor_lastname", "Contributor"),
        Column("contributor_firstname", "First name"),
        Column("contributor_code", "Entity"),
        Column("contributor_city", "City"),
        Column("contributor_state", "State"),
        Column("contributor_zip", "ZIP"),
        Column("contributor_employer", "Employer"),
        Column("contributor_occupation", "Occupation"),
        Column("is_memo", "Memo", "boolean"),
        *COMMITTEE_COLUMNS,
    ),
)

EXPENDITURES = ListSpec(
    name="expenditures",
    title="Expenditures",
    model=PROCESSED + "Form460ScheduleEItem",
    versions_model=PROCESSED + "Form460ScheduleEItemVersion",
    filing_model=PROCESSED + "Form460Filing",
    filing_versions_model=PROCESSED + "Form460FilingVersion",
    filing_columns=FILING_COLUMNS,
    committee_filter="committee",
    committee_column="committee_id",
    description=(
        "Payments made (Form 460 Schedule E) by every committee; the latest amendment of each "
        "filing unless versions=all."
    ),
    filters=(
        Filter(
            "payee",
            ("payee_lastname", "payee_firstname"),
            "icontains",
            "string",
            "Part of the payee's last (or business) name or first name",
        ),
        Filter("city", ("payee_city",), "iexact", "string", "The payee's city"),
        Filter("zip", ("payee_zip",), "startswith", "string", "Start of the payee's ZIP code"),
        Filter("code", ("expense_code",), "iexact", "string", "Expenditure code (CMP, LIT, …)"),
        Filter(
            "description",
            ("payment_description",),
            "icontains",
            "string",
            "Part of the description",
        ),
        *_amount_filters("Payments"),
        *_committee_filters("expense_date", "Paid"),
    ),
    sorts=(
        Sort("date", "expense_date", "date", "Date of the payment"),
        Sort("amount", "amount", "decimal", "Amount"),
    ),
    default_sort="-date",
    columns=(
        *_item_columns(),
        Column("expense_date", "Date", "date"),
        Column("amount", "Amount", "decimal"),
        Column("payee_lastname", "Payee"),
        Column("payee_firstname", "First name"),
        Column("payee_city", "City"),
        Column("payee_state", "State"),
        Column("payee_zip", "ZIP"),
        Column("expense_code", "Code"),
        Column("payment_description", "Description"),
        Column("is_memo", "Memo", "boolean"),
        *COMMITTEE_COLUMNS,
    ),
)

FILINGS = ListSpec(
    name="filings",
    title="Filings",
    model=PROCESSED + "Form460Filing",
    versions_model=PROCESSED + "Form460FilingVersion",
    committee_filter="committee",
    committee_column="filer_internal_id",
    description=(
        "Form 460 campaign disclosure statements, newest first: the latest amendment of each "
        "filing, or every amendment with versions=all."
    ),
    filters=(
        Filter("name", ("filer_lastname",), "icontains", "string", "Part of the filer's name"),
        Filter(
            "statement_type",
            ("statement_type",),
            "iexact",
            "string",
            "Statement type as filed (QT quarterly, SA semi-annual, PE pre-election…)",
        ),
        Filter("date_from", ("date_filed",), "gte", "date", "Filed on or after this day"),
        Filter("date_to", ("date_filed",), "lte", "date", "Filed on or before this day"),
        Filter(
            "cycle",
            ("date_filed",),
            "cycle",
            "integer",
            "Two-year election cycle by its even year: 2016 is filed in 2015-2016",
        ),
        Filter("committee", ("filer_internal_id",), "exact", "integer", "Filer id of the filer"),
        Filter("filing", ("filing_id",), "exact", "integer", "Filing id"),
    ),
    sorts=(Sort("date", "date_filed", "date", "Date filed"),),
    default_sort="-date",
    columns=(
        Column("filing_id", "Filing", "integer"),
        Column("amend_id", "Amendment", "integer"),
        Column("version_count", "Versions", "integer"),
        Column("filer_internal_id", "Filer id", "integer"),
        Column("filer_lastname", "Filer"),
        Column("statement_type", "Statement"),
        Column("date_filed", "Filed", "date"),
        Column("from_date", "From", "date"),
        Column("thru_date", "Through", "date"),
        Column("monetary_contributions", "Contributions (line 1)", "decimal"),
        Column("total_expenditures_made", "Expenditures (line 11)", "decimal"),
        Column("ending_cash_balance", "Ending cash (line 16)", "decimal"),
    ),
)

COMMITTEES = ListSpec(
    name="committees",
    title="Filers and committees",
    model="calaccess_raw.FilernameCd",
    committee_column="filer_id",
    description="Every filer name the state holds (FILERNAME_CD): committees, candidates, others.",
    filters=(
        Filter("name", ("naml", "namf"), "icontains", "string", "Part of the filer's name"),
        Filter(
            "filer_type", ("filer_type",), "iexact", "string", "Filer type (RECIPIENT COMMITTEE…)"
        ),
        Filter("status", ("status",), "iexact", "string", "Status (ACTIVE, TERMINATED…)"),
        Filter("city", ("city",), "iexact", "string", "City of the filer's address"),
        Filter("filer_id", ("filer_id",), "exact", "integer", "Filer id"),
    ),
    sorts=(Sort("filer_id", "filer_id", "integer", "Filer id"),),
    default_sort="filer_id",
    columns=(
        Column("filer_id", "Filer id", "integer"),
        Column("naml", "Name"),
        Column("namf", "First name"),
        Column("filer_type", "Type"),
        Column("status", "Status"),
        Column("effect_dt", "Status since", "date"),
        Column("city", "City"),
        Column("st", "State"),
    ),
)

LISTS: dict[str, ListSpec] = {
    spec.name: spec for spec in (CONTRIBUTIONS, EXPENDITURES, FILINGS, COMMITTEES)
}

#: The lists a committee page has of its own (the same specs, the committee fixed).
COMMITTEE_LISTS: dict[str, ListSpec] = {
    name: spec for name, spec in LISTS.items() if spec.committee_filter
}
