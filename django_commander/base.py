"""Public base classes and decorators for writing commands: import from here."""

from .caching import cache_results
from .core import BasicCommand
from .iterating import DownloadIterateCommand, IterateDownloadCommand
from .multiprocess import MultiprocessDownloadIterateCommand, MultiprocessIterateDownloadCommand
from .pipeline import PipelineCommand, Step

__all__ = [
    "BasicCommand",
    "DownloadIterateCommand",
    "IterateDownloadCommand",
    "MultiprocessDownloadIterateCommand",
    "MultiprocessIterateDownloadCommand",
    "PipelineCommand",
    "Step",
    "cache_results",
]
