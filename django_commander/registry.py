"""Discovery of commands, and the registry that maps their names to their classes.

Commands come from the ``commands`` package of every installed app and from the folders listed
in ``DJANGO_COMMANDER_COMMAND_FOLDERS``. A module's path below its package or folder is the
command's name, with ``_`` for the separator (``scrapers/my_command.py`` is
``scrapers_my_command``); each module holds at most one concrete command class. Discovery rejects
duplicate names and whatever :mod:`django_commander.graph` rejects.

Command classes declare themselves here when they are defined (:func:`declare`, called by the
base class, as Django's models register with the app registry), so this module needs nothing from
the command classes' module and the framework's modules import each other in one direction only.
"""

from __future__ import annotations

import hashlib
import importlib
import importlib.util
import pkgutil
import sys
from collections.abc import Iterator, Mapping
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING

from django.apps import apps
from django.core.signals import setting_changed

from calaccess_toolkit import conf

from . import graph
from .errors import RegistryError, UnknownCommand

if TYPE_CHECKING:  # for annotations only
    from .core import BasicCommand

# Module name -> {class name: class} of every command class defined so far.
_declared: dict[str, dict[str, type[BasicCommand]]] = {}


def declare(command_class: type[BasicCommand]) -> None:
    """Note a command class as its module defines it (the base class calls this)."""
    _declared.setdefault(command_class.__module__, {})[command_class.__qualname__] = command_class


def _command_class(module: ModuleType) -> type[BasicCommand] | None:
    found = [cls for cls in _declared.get(module.__name__, {}).values() if not cls.abstract]
    if len(found) > 1:
        names = ", ".join(cls.__name__ for cls in found)
        raise RegistryError(f"{module.__name__} defines more than one command ({names})")
    return found[0] if found else None


def _app_modules() -> Iterator[tuple[str, ModuleType]]:
    """(name, module) for every module below each installed app's ``commands`` package."""
    for app_config in apps.get_app_configs():
        package_name = f"{app_config.name}.commands"
        if importlib.util.find_spec(package_name) is None:
            continue
        package = importlib.import_module(package_name)
        for info in pkgutil.walk_packages(package.__path__, prefix=f"{package_name}."):
            if info.ispkg:
                continue
            relative = info.name[len(package_name) + 1 :]
            yield relative.replace(".", "_"), importlib.import_module(info.name)


def _folder_modules(folder: Path) -> Iterator[tuple[str, ModuleType]]:
    """(name, module) for every ``.py`` file below a commands folder."""
    folder_key = hashlib.sha1(str(folder.resolve()).encode()).hexdigest()[:12]
    for path in sorted(folder.rglob("*.py")):
        relative = path.relative_to(folder).with_suffix("")
        if any(part.startswith("_") for part in relative.parts):
            continue
        module_name = f"django_commander_folder_{folder_key}." + ".".join(relative.parts)
        module = sys.modules.get(module_name)
        if module is None:
            spec = importlib.util.spec_from_file_location(module_name, path)
            module = importlib.util.module_from_spec(spec)
            sys.modules[module_name] = module
            spec.loader.exec_module(module)
        yield "_".join(relative.parts), module


def discover() -> dict[str, type[BasicCommand]]:
    """Find every command, name it, and validate the graph of commands."""
    found: dict[str, type[BasicCommand]] = {}
    sources = list(_app_modules())
    for folder in conf.get("DJANGO_COMMANDER_COMMAND_FOLDERS"):
        if not Path(folder).is_dir():
            raise RegistryError(f"DJANGO_COMMANDER_COMMAND_FOLDERS: {folder} is not a folder")
        sources.extend(_folder_modules(Path(folder)))
    for name, module in sources:
        command_class = _command_class(module)
        if command_class is None:
            continue
        if name in found and found[name] is not command_class:
            raise RegistryError(
                f"two commands are named {name!r}: {found[name].__module__} and {module.__name__}"
            )
        command_class.name = name
        found[name] = command_class
    graph.validate(found)
    return found


class CommandRegistry(Mapping[str, "type[BasicCommand]"]):
    """Name → command class, discovered on first use and again after settings change."""

    def __init__(self) -> None:
        self._commands: dict[str, type[BasicCommand]] | None = None

    def _loaded(self) -> dict[str, type[BasicCommand]]:
        if self._commands is None:
            self._commands = discover()
        return self._commands

    def reset(self) -> None:
        self._commands = None

    def __getitem__(self, name: str) -> type[BasicCommand]:
        try:
            return self._loaded()[name]
        except KeyError:
            raise UnknownCommand(
                f"unknown command {name!r}; `manage.py run_command` lists them"
            ) from None

    def __iter__(self) -> Iterator[str]:
        return iter(sorted(self._loaded()))

    def __len__(self) -> int:
        return len(self._loaded())


commands = CommandRegistry()


def _reset_on_setting_change(setting: str, **kwargs) -> None:
    if setting in {"DJANGO_COMMANDER_COMMAND_FOLDERS", "INSTALLED_APPS"}:
        commands.reset()


setting_changed.connect(_reset_on_setting_change)
