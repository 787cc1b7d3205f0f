"""Names of raw tables as the commands take them: a model (``RcptCd``) or a table (``RCPT_CD``).

Shared by every step that names one table (load, verify), so no command imports another.
"""

from __future__ import annotations

from calaccess_raw.models import get_raw_model


def model_name(text: str) -> str:
    """Canonical model name for a model or table name (``rcpt_cd`` → ``RcptCd``)."""
    try:
        return get_raw_model(text).__name__
    except LookupError:
        return text.strip()  # maybe a model of another app (--app); checked when run


def table_of(name: str) -> str:
    """The export's table name behind a model name."""
    try:
        return get_raw_model(name).schema.name
    except LookupError:
        return name.upper()
