from django_commander.base import IterateDownloadCommand


class Pages(IterateDownloadCommand):
    """Iterate page numbers, download each, and parse it."""

    def iterate(self):
        yield from ["a", "b", "c"]

    def download(self, page):
        return f"<{page}>"

    def parse_and_save(self, downloaded, page):
        return (page, downloaded)

    def cleanup(self, results):
        return dict(results)
