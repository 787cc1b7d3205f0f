"""Settings: each app declares its own, and one accessor reads any of them parsed to its type.

An app declares its settings in a small module of its own, ``<app>/settings.py``
(``calaccess_raw/settings.py``, ``django_commander/settings.py``…; the toolkit's shared ones in
``calaccess_toolkit/settings.py``), each with a name, a default (or a function that computes
it), a type from :mod:`calaccess_toolkit.settingtypes` and its help, and registers them with
:func:`declare`. Code reads a setting with :func:`get` (by name) or ``SETTING.get()`` (typed):
Django's settings first, then the declared default. The ready-to-use project fills Django's
settings from environment variables of the same names (:func:`from_environment`), and a test
checks every app's table against the README.

A malformed value, in the environment or in Django's settings, raises :class:`SettingError`:
one line naming the setting and what it expects, and exit code 2 when it reaches the shell.
"""

from __future__ import annotations

import importlib
import importlib.util
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Generic, TypeVar

from django.apps import apps
from django.conf import settings as django_settings

from .errors import UsageError
from .settingtypes import TEXT, SettingType

T = TypeVar("T")

#: The module of an app that declares its settings, and the toolkit's own.
DECLARATIONS_MODULE = "settings"
TOOLKIT = "calaccess_toolkit"


class SettingError(UsageError):
    """A setting has a value the toolkit cannot use; the message names it and what it expects."""


@dataclass(frozen=True)
class Setting(Generic[T]):
    """One setting: its name, default, type and what it does.

    ``default_factory`` computes the default when it depends on something else (another setting,
    the current folder); ``default_doc`` is how the README shows such a default.
    """

    name: str
    default: T | None
    help: str
    type: SettingType[T] = TEXT  # type: ignore[assignment]
    default_factory: Callable[[], T] | None = None
    default_doc: str = ""

    def get(self) -> T:
        """This setting's value: Django's settings first, then the declared default."""
        value = getattr(django_settings, self.name, None)
        if value is None:
            return self.default_value()  # type: ignore[return-value]
        try:
            return self.type.check(value)
        except (TypeError, ValueError):
            shown = self.type.show(value) if isinstance(value, str) else repr(value)
            raise self.error(shown) from None

    def default_value(self) -> T | None:
        return self.default_factory() if self.default_factory else self.default

    def parse(self, text: str) -> T:
        """Read the text of an environment variable."""
        try:
            return self.type.parse(text)
        except (TypeError, ValueError):
            raise self.error(self.type.show(text)) from None

    def from_environment(self, environ: Mapping[str, str]) -> T | None:
        """The variable's value parsed, or the default when it is unset or empty."""
        text = environ.get(self.name, "")
        return self.parse(text) if text.strip() else self.default_value()

    def error(self, shown: str) -> SettingError:
        return SettingError(f"{self.name} must be {self.type.expects}, not {shown}")

    @property
    def documented_default(self) -> str:
        """The default as the README's tables show it."""
        if self.default_doc:
            return self.default_doc
        if self.default is None or self.default == []:
            return "none"
        return f"`{self.default}`"


_DECLARED: dict[str, tuple[Setting[Any], ...]] = {}
_BY_NAME: dict[str, Setting[Any]] = {}
_OWNER: dict[str, str] = {}


def declare(app: str, *settings: Setting[Any]) -> tuple[Setting[Any], ...]:
    """Register an app's settings (each name once in the whole project); returns them."""
    for declared in settings:
        owner = _OWNER.setdefault(declared.name, app)
        if owner != app:
            raise ValueError(f"{declared.name} is declared by both {owner} and {app}")
        _BY_NAME[declared.name] = declared
    _DECLARED[app] = settings
    return settings


def discover(app_names: Iterable[str]) -> None:
    """Import the declarations of the toolkit and of each app that has a settings module."""
    for app in (TOOLKIT, *app_names):
        module = f"{app}.{DECLARATIONS_MODULE}"
        if app not in _DECLARED and importlib.util.find_spec(module) is not None:
            importlib.import_module(module)


def _discover_installed() -> None:
    """The toolkit's declarations, and the installed apps' once Django has loaded them."""
    discover([config.name for config in apps.get_app_configs()] if apps.apps_ready else [])


def declarations() -> dict[str, tuple[Setting[Any], ...]]:
    """Every declared setting, by the app that declares it (installed apps discovered)."""
    _discover_installed()
    return dict(_DECLARED)


def setting(name: str) -> Setting[Any]:
    """The declaration of one setting."""
    if name not in _BY_NAME:
        _discover_installed()
    try:
        return _BY_NAME[name]
    except KeyError:
        raise LookupError(f"{name} is not a setting any installed app declares") from None


def get(name: str) -> Any:
    """Read one toolkit setting by name, parsed to its type (see :meth:`Setting.get`)."""
    return setting(name).get()


def from_environment(
    settings: Iterable[Setting[Any]], environ: Mapping[str, str]
) -> dict[str, Any]:
    """Values for Django's settings: each variable set in the environment, parsed to its type,
    and each fixed default (a computed default is left to :meth:`Setting.get`)."""
    values = {}
    for declared in settings:
        if environ.get(declared.name, "").strip():
            values[declared.name] = declared.parse(environ[declared.name])
        elif declared.default_factory is None:
            values[declared.name] = declared.default
    return values


def make_folder(name: str, path: str | Path) -> Path:
    """Create the folder a setting names, or say in one line why it cannot be."""
    folder = Path(path)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise SettingError(
            f"{name} must be a folder that can be created, not {str(folder)!r} "
            f"({error.strerror or error})"
        ) from None
    return folder


def data_dir(*parts: str) -> Path:
    """Return a path inside the data folder, creating the folder that holds it."""
    path = Path(get("CALACCESS_DATA_DIR"), *parts)
    make_folder("CALACCESS_DATA_DIR", path.parent)
    return path
