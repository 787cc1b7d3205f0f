"""Named moments that dependencies can be measured from, registered by the apps that own them.

"Has ever succeeded" is not enough for a data pipeline: a step that ran for last month's raw
release must not satisfy a step about this month's. The framework cannot know what a release is
(it must not import the apps built on it), so an app registers an *epoch*: a name and a function
that returns the moment the current state of its data began (for example ``raw_release``: when the
toolkit started on the newest raw release), or None when there is none yet. A dependency declared
with ``since="raw_release"`` then needs a success that finished at or after that moment.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from .errors import RegistryError

EpochProvider = Callable[[], datetime | None]

_providers: dict[str, EpochProvider] = {}


def register_epoch(name: str, provider: EpochProvider) -> None:
    """Make ``name`` usable as a dependency's ``since``; call it from an ``AppConfig.ready``."""
    _providers[name] = provider


def is_registered(name: str) -> bool:
    return name in _providers


def epoch_moment(name: str) -> datetime | None:
    """The moment epoch ``name`` began now, or None when nothing has begun yet."""
    try:
        provider = _providers[name]
    except KeyError:
        raise RegistryError(
            f"no epoch named {name!r} is registered (known: {', '.join(sorted(_providers))})"
        ) from None
    return provider()
