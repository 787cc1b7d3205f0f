import os

from django_commander.base import MultiprocessIterateDownloadCommand


class ParallelPages(MultiprocessIterateDownloadCommand):
    """Download and parse pages on several processes."""

    def iterate(self):
        yield from range(8)

    def download(self, page):
        return f"page {page}"

    def parse_and_save(self, downloaded, page):
        return (downloaded.upper(), os.getpid())

    def cleanup(self, results):
        return results
