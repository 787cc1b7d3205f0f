"""Commands that download something and iterate over it, or iterate and download each item.

``DownloadIterateCommand``: one ``download()``, then ``parse_and_save`` for every item that
``iterate(downloaded)`` yields (for example one file, many rows). ``IterateDownloadCommand``:
``iterate()`` yields items, and each is downloaded and parsed (for example many pages). Both end
with ``cleanup(results)``, which receives what ``parse_and_save`` returned and whose value is the
command's return value. An item that is a tuple is passed as separate arguments.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from .core import BasicCommand


def as_arguments(item: Any) -> tuple[Any, ...]:
    return item if isinstance(item, tuple) else (item,)


class DownloadIterateCommand(BasicCommand):
    """Download once, then parse and save each item iterated from the download."""

    abstract = True

    def download(self) -> Any:
        """Fetch the data; decorate with ``@cache_results`` to reuse it across runs."""
        return None

    def iterate(self, downloaded: Any) -> Iterable[Any]:
        """Yield the items of the downloaded data."""
        raise NotImplementedError

    def parse_and_save(self, *item: Any) -> Any:
        """Handle one item; the return value is collected for :meth:`cleanup`."""
        raise NotImplementedError

    def cleanup(self, results: list[Any]) -> Any:
        """Finish up after every item; returns the command's value."""
        return results

    def run(self) -> Any:
        downloaded = self.download()
        results = [
            self.parse_and_save(*as_arguments(item))
            for item in self.progress(self.iterate(downloaded), desc=self.name)
        ]
        return self.cleanup(results)


class IterateDownloadCommand(BasicCommand):
    """Iterate over items, and download, parse and save each one."""

    abstract = True

    def iterate(self) -> Iterable[Any]:
        """Yield the items to download."""
        raise NotImplementedError

    def download(self, *item: Any) -> Any:
        """Fetch one item's data; decorate with ``@cache_results`` to reuse it across runs."""
        raise NotImplementedError

    def parse_and_save(self, downloaded: Any, *item: Any) -> Any:
        """Handle one downloaded item; the return value is collected for :meth:`cleanup`."""
        raise NotImplementedError

    def cleanup(self, results: list[Any]) -> Any:
        return results

    def download_and_parse(self, *item: Any) -> Any:
        return self.parse_and_save(self.download(*item), *item)

    def run(self) -> Any:
        results = [
            self.download_and_parse(*as_arguments(item))
            for item in self.progress(self.iterate(), desc=self.name)
        ]
        return self.cleanup(results)
