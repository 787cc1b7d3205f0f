from pathlib import Path

from django_commander.base import IterateDownloadCommand, cache_results


class CachedFetch(IterateDownloadCommand):
    """Fetch items through a cached download that counts its real calls in a file."""

    @classmethod
    def add_arguments(cls, parser):
        parser.add_argument("counter_file")

    def iterate(self):
        yield from ["x", "y"]

    @cache_results
    def download(self, item):
        counter = Path(self.parameters["counter_file"])
        calls = int(counter.read_text()) + 1 if counter.exists() else 1
        counter.write_text(str(calls))
        return f"{item}-{calls}"

    def parse_and_save(self, downloaded, item):
        return downloaded
