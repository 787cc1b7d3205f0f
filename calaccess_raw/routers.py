"""Keep the raw CAL-ACCESS tables in a database of their own.

Add the database to ``DATABASES``, name its alias in ``CALACCESS_RAW_DATABASE`` and list this
router in ``DATABASE_ROUTERS``; then ``migrate --database <alias>`` creates the raw tables there and
every read, write and bulk load of ``calaccess_raw`` goes through that connection. With the
ready-to-use project, setting ``CALACCESS_RAW_DATABASE_URL`` does all three.
"""

from __future__ import annotations

from calaccess_toolkit import conf

APP_LABEL = "calaccess_raw"


class RawDataRouter:
    """Route the ``calaccess_raw`` app to the ``CALACCESS_RAW_DATABASE`` alias."""

    def _alias(self) -> str:
        return conf.get("CALACCESS_RAW_DATABASE")

    def db_for_read(self, model, **hints) -> str | None:
        return self._alias() if model._meta.app_label == APP_LABEL else None

    def db_for_write(self, model, **hints) -> str | None:
        return self._alias() if model._meta.app_label == APP_LABEL else None

    def allow_relation(self, first, second, **hints) -> bool | None:
        labels = {first._meta.app_label, second._meta.app_label}
        if APP_LABEL in labels and len(labels) > 1:
            return False
        return None

    def allow_migrate(self, db: str, app_label: str, **hints) -> bool | None:
        if app_label == APP_LABEL:
            return db == self._alias()
        return None
