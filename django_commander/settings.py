"""The command framework's settings (read them with ``calaccess_toolkit.conf``)."""

from pathlib import Path

from calaccess_toolkit import conf
from calaccess_toolkit.settings import DATA_DIR
from calaccess_toolkit.settingtypes import FOLDERS, TEXT


def default_cache_dir() -> str:
    return str(Path(DATA_DIR.get()) / ".commander_cache")


COMMAND_FOLDERS = conf.Setting(
    "DJANGO_COMMANDER_COMMAND_FOLDERS",
    [],
    "Extra folders of command modules, besides the `commands` package of every installed app. "
    "A module's path below its folder gives the command's name "
    "(`scrapers/my_command.py` is `scrapers_my_command`). In the environment: "
    "folders separated by the path separator (`:`).",
    FOLDERS,
)
CACHE_STORAGE = conf.Setting(
    "DJANGO_COMMANDER_CACHE_STORAGE",
    None,
    "Alias in Django's `STORAGES` where `@cache_results` keeps cached downloads (for example "
    "an S3 storage from django-storages). Unset: a local folder, `DJANGO_COMMANDER_CACHE_DIR`.",
    TEXT,
)
CACHE_DIR = conf.Setting(
    "DJANGO_COMMANDER_CACHE_DIR",
    None,
    "Local folder for cached command results when no cache storage is set.",
    default_factory=default_cache_dir,
    default_doc="`<data>/.commander_cache`",
)

SETTINGS = conf.declare("django_commander", COMMAND_FOLDERS, CACHE_STORAGE, CACHE_DIR)
