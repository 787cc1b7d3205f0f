"""Model fields that keep their documentation out of migrations.

Help text, verbose names and lookup-code choices describe the data; they do not change the
database. Django's fields still serialise them into migrations, so every edit of a definition or a
new misspelt code would cost a no-op migration (the older tools carried hundreds). These
subclasses drop those keyword arguments in :meth:`deconstruct` and report the plain Django class
as their path, so migrations hold only what the database needs and never import this module.
"""

from __future__ import annotations

from typing import Any

from django.db import models

DOCUMENTATION_KWARGS = ("help_text", "verbose_name", "choices", "db_comment")


class DocumentationFreeMixin:
    """Deconstruct as the parent Django field, without documentation keyword arguments."""

    def deconstruct(self) -> tuple[str, str, list[Any], dict[str, Any]]:
        name, _path, args, kwargs = super().deconstruct()  # type: ignore[misc]
        for key in DOCUMENTATION_KWARGS:
            kwargs.pop(key, None)
        parent = next(
            klass
            for klass in type(self).__mro__[1:]
            if klass.__module__.startswith("django.db.models")
        )
        return name, f"django.db.models.{parent.__name__}", args, kwargs


class CharField(DocumentationFreeMixin, models.CharField):
    pass


class TextField(DocumentationFreeMixin, models.TextField):
    pass


class IntegerField(DocumentationFreeMixin, models.IntegerField):
    pass


class BigIntegerField(DocumentationFreeMixin, models.BigIntegerField):
    pass


class DecimalField(DocumentationFreeMixin, models.DecimalField):
    pass


class FloatField(DocumentationFreeMixin, models.FloatField):
    pass


class DateField(DocumentationFreeMixin, models.DateField):
    pass


class DateTimeField(DocumentationFreeMixin, models.DateTimeField):
    pass


class FileField(DocumentationFreeMixin, models.FileField):
    pass


class ForeignKey(DocumentationFreeMixin, models.ForeignKey):
    pass
