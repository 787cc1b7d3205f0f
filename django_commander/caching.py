"""``@cache_results``: keep what a command's ``download`` returned, and reuse it next time.

Results are pickled under a key made of the command name, its parameters and the call's
arguments, in a local folder (``DJANGO_COMMANDER_CACHE_DIR``) or in any Django storage named by
``DJANGO_COMMANDER_CACHE_STORAGE`` (so S3 through django-storages is a matter of settings).
``--refresh-cache`` fetches afresh and replaces the cached copy. The cache is the toolkit's own
output, so unpickling it is as safe as the storage it lives in.
"""

from __future__ import annotations

import functools
import hashlib
import json
import pickle
from collections.abc import Callable
from typing import Any

from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage, Storage, storages

from calaccess_toolkit import conf


def cache_storage() -> Storage:
    """The storage that holds cached results, as configured now."""
    alias = conf.get("DJANGO_COMMANDER_CACHE_STORAGE")
    if alias:
        return storages[alias]
    return FileSystemStorage(location=conf.get("DJANGO_COMMANDER_CACHE_DIR"))


def cache_key(command: Any, args: tuple[Any, ...], kwargs: dict[str, Any]) -> str:
    identity = json.dumps(
        [command.name, command.parameters, list(args), kwargs], sort_keys=True, default=str
    )
    return f"{command.name}/{hashlib.sha256(identity.encode()).hexdigest()}.pickle"


def cache_results(method: Callable[..., Any]) -> Callable[..., Any]:
    """Cache a command method's return value across runs (bypassed by ``--refresh-cache``)."""

    @functools.wraps(method)
    def wrapper(self: Any, *args: Any, **kwargs: Any) -> Any:
        storage = cache_storage()
        key = cache_key(self, args, kwargs)
        if not self.options.get("refresh_cache") and storage.exists(key):
            with storage.open(key, "rb") as cached:
                self.logger.info("using cached %s", key)
                return pickle.load(cached)
        result = method(self, *args, **kwargs)
        if storage.exists(key):
            storage.delete(key)
        storage.save(key, ContentFile(pickle.dumps(result)))
        return result

    wrapper.caches_results = True
    return wrapper


def uses_cache(command_class: type) -> bool:
    """Whether any method of the command is decorated with :func:`cache_results`."""
    return any(
        getattr(getattr(command_class, name, None), "caches_results", False)
        for name in dir(command_class)
        if not name.startswith("__")
    )
