"""The declared schema of the CAL-ACCESS export: the one source of models, admin, loaders and docs.

The facts live in the CSV files of ``data/`` beside this module, one row per fact:

- ``tables.csv``: table, group, model class name, unique key, filing forms, documentation pages;
- ``fields.csv``: one row per column, in the export's header order;
- ``choices.csv``: lookup codes of code columns, including misspelt variants found in the data;
- ``forms.csv``, ``sections.csv``: the paper forms and their parts and schedules;
- ``documents.csv``: the official documents the pages refer to.

They were converted once from the factual schema that the California Civic Data Coalition's
django-calaccess projects (MIT) derived from the Secretary of State's record layouts, and checked
against the headers of a real nightly export (July 2017). The conversion normalised, and nothing
else:

- columns are listed in the export's header order, so models and CSVs agree on column order;
- documentation references are ``<document id>:<first page>[-<last page>]`` (two had a suffix on
  the id, one a reversed page range);
- ``fields.csv`` keeps the documented type in ``documented_type`` and states the stored type in
  ``type``; where they differ, ``note`` says why. Two kinds of differences exist: the four columns
  documented as references to other tables are stored as plain integers (``references`` keeps the
  target), because the export's references are not reliable – filers and periods are referenced
  before, or without, being defined, and a database constraint would reject real rows; and date
  columns whose values carry a time of day in the export are stored as date-times.

What the export really holds also shapes the stored column sizes, see :attr:`Field.db_max_length`.
"""

from __future__ import annotations

import csv
import functools
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"

TEXT_TYPES = frozenset({"CharField"})


@dataclass(frozen=True)
class Document:
    """An official document (record layout, form, FAQ) kept on DocumentCloud."""

    id: str
    title: str
    pages: int
    canonical_url: str
    page_image_url_template: str

    def page_image_url(self, page: int, size: str = "normal") -> str:
        """URL of the image of one page (sizes: ``small``, ``normal``, ``large``)."""
        return self.page_image_url_template.format(page=page, size=size)


@dataclass(frozen=True)
class DocumentPages:
    """A page range of a document that documents a table or a column."""

    document: Document
    start: int
    end: int

    @property
    def pages(self) -> range:
        return range(self.start, self.end + 1)

    def __str__(self) -> str:
        pages = f"p. {self.start}" if self.start == self.end else f"pp. {self.start}-{self.end}"
        return f"{self.document.title}, {pages}"


@dataclass(frozen=True)
class Choice:
    """One lookup code of a code column and what it means."""

    code: str
    meaning: str


@dataclass(frozen=True)
class Section:
    """A part or schedule of a form, with its pages in the form's document."""

    form_id: str
    id: str
    title: str
    db_value: str
    start_page: int | None
    end_page: int | None


@dataclass(frozen=True)
class Form:
    """A paper or electronic filing form."""

    id: str
    title: str
    group: str
    description: str
    db_value: str
    document: Document | None
    sections: tuple[Section, ...]

    def section(self, section_id: str) -> Section:
        for section in self.sections:
            if section.id == section_id:
                return section
        raise KeyError(f"{self.id} has no section {section_id}")


@dataclass(frozen=True)
class FilingForm:
    """A form (and optionally one of its sections) whose data a table stores."""

    form: Form
    section: Section | None

    def __str__(self) -> str:
        return self.form.id if self.section is None else f"{self.form.id}/{self.section.id}"


@dataclass(frozen=True)
class Field:
    """One column of a table of the export."""

    table: str
    column: str
    type: str
    documented_type: str
    max_length: int | None
    max_digits: int | None
    decimal_places: int | None
    null: bool
    db_index: bool
    references: str
    definition: str
    note: str
    choices: tuple[Choice, ...]
    documents: tuple[DocumentPages, ...]

    @property
    def name(self) -> str:
        """The model attribute: the column in lower case, without Django's forbidden underscores."""
        return "_".join(part for part in self.column.lower().split("_") if part)

    @property
    def is_text(self) -> bool:
        return self.type in TEXT_TYPES

    @property
    def db_max_length(self) -> int | None:
        """Stored length of a text column: twice the documented length, at least 10.

        The documented lengths are the state's intentions, not limits its export respects: codes
        and names longer than documented occur. Twice the documentation (at least 10) keeps them
        while every table still fits MySQL's 65,535-byte row limit in utf8mb4. Longer values still
        are logged and stored empty by the loader.
        """
        if self.max_length is None:
            return None
        return max(2 * self.max_length, 10)


@dataclass(frozen=True)
class Table:
    """One table (one TSV file) of the export."""

    name: str
    group: str
    model_name: str
    unique_key: tuple[str, ...]
    filing_forms: tuple[FilingForm, ...]
    stores_all_forms: bool
    documents: tuple[DocumentPages, ...]
    fields: tuple[Field, ...]

    @property
    def columns(self) -> tuple[str, ...]:
        """Column names in the export's header order."""
        return tuple(field.column for field in self.fields)

    def field(self, column: str) -> Field:
        for field in self.fields:
            if field.column == column:
                return field
        raise KeyError(f"{self.name} has no column {column}")


@dataclass(frozen=True)
class Schema:
    """Every table, form and document of the export."""

    tables: tuple[Table, ...]
    forms: tuple[Form, ...]
    documents: tuple[Document, ...]

    @functools.cached_property
    def table_names(self) -> frozenset[str]:
        """The names of every table, as the export spells them (``RCPT_CD``)."""
        return frozenset(table.name for table in self.tables)

    def table(self, name: str) -> Table:
        for table in self.tables:
            if table.name == name:
                return table
        raise KeyError(f"no table {name} in the CAL-ACCESS schema")

    def form(self, form_id: str) -> Form:
        for form in self.forms:
            if form.id == form_id:
                return form
        raise KeyError(f"no form {form_id} in the CAL-ACCESS schema")

    def document(self, document_id: str) -> Document:
        for document in self.documents:
            if document.id == document_id:
                return document
        raise KeyError(f"no document {document_id} in the CAL-ACCESS schema")


def _rows(name: str) -> Iterator[dict[str, str]]:
    with open(DATA_DIR / name, newline="", encoding="utf-8") as handle:
        yield from csv.DictReader(handle)


def _optional_int(text: str) -> int | None:
    return int(text) if text else None


def _pages(text: str, documents: dict[str, Document]) -> tuple[DocumentPages, ...]:
    references = []
    for reference in text.split():
        document_id, _, pages = reference.partition(":")
        start, _, end = pages.partition("-")
        references.append(DocumentPages(documents[document_id], int(start), int(end or start)))
    return tuple(references)


def _forms(documents: dict[str, Document]) -> tuple[Form, ...]:
    sections: dict[str, list[Section]] = {}
    for row in _rows("sections.csv"):
        sections.setdefault(row["form_id"], []).append(
            Section(
                form_id=row["form_id"],
                id=row["id"],
                title=row["title"],
                db_value=row["db_value"],
                start_page=_optional_int(row["start_page"]),
                end_page=_optional_int(row["end_page"]),
            )
        )
    return tuple(
        Form(
            id=row["id"],
            title=row["title"],
            group=row["group"],
            description=row["description"],
            db_value=row["db_value"],
            document=documents.get(row["documentcloud_id"].partition("-")[0]),
            sections=tuple(sections.get(row["id"], ())),
        )
        for row in _rows("forms.csv")
    )


def _filing_forms(text: str, forms: dict[str, Form]) -> tuple[FilingForm, ...]:
    filing_forms = []
    for reference in text.split():
        if reference == "*":
            continue
        form_id, _, section_id = reference.partition("/")
        form = forms[form_id]
        filing_forms.append(FilingForm(form, form.section(section_id) if section_id else None))
    return tuple(filing_forms)


def _fields(documents: dict[str, Document]) -> dict[str, list[Field]]:
    choices: dict[tuple[str, str], list[Choice]] = {}
    for row in _rows("choices.csv"):
        choices.setdefault((row["table"], row["column"]), []).append(
            Choice(row["code"], row["meaning"])
        )
    fields: dict[str, list[Field]] = {}
    for row in _rows("fields.csv"):
        fields.setdefault(row["table"], []).append(
            Field(
                table=row["table"],
                column=row["column"],
                type=row["type"],
                documented_type=row["documented_type"],
                max_length=_optional_int(row["max_length"]),
                max_digits=_optional_int(row["max_digits"]),
                decimal_places=_optional_int(row["decimal_places"]),
                null=row["null"] == "True",
                db_index=row["db_index"] == "True",
                references=row["references"],
                definition=row["definition"],
                note=row["note"],
                choices=tuple(choices.get((row["table"], row["column"]), ())),
                documents=_pages(row["documents"], documents),
            )
        )
    return fields


@functools.cache
def load() -> Schema:
    """Read the schema from the package's data files (once per process)."""
    documents = {
        row["id"]: Document(
            id=row["id"],
            title=row["title"],
            pages=int(row["pages"]),
            canonical_url=row["canonical_url"],
            page_image_url_template=row["page_image_url_template"],
        )
        for row in _rows("documents.csv")
    }
    forms = _forms(documents)
    forms_by_id = {form.id: form for form in forms}
    fields = _fields(documents)
    tables = tuple(
        Table(
            name=row["table"],
            group=row["group"],
            model_name=row["model"],
            unique_key=tuple(row["unique_key"].split()),
            filing_forms=_filing_forms(row["filing_forms"], forms_by_id),
            stores_all_forms="*" in row["filing_forms"].split(),
            documents=_pages(row["documents"], documents),
            fields=tuple(fields[row["table"]]),
        )
        for row in _rows("tables.csv")
    )
    return Schema(tables=tables, forms=forms, documents=tuple(documents.values()))
