from django_commander.base import DownloadIterateCommand


class Squares(DownloadIterateCommand):
    """Download a list of numbers once, then square each."""

    @classmethod
    def add_arguments(cls, parser):
        parser.add_argument("count", type=int)

    def download(self):
        return list(range(self.parameters["count"]))

    def iterate(self, numbers):
        for number in numbers:
            yield (number, number)

    def parse_and_save(self, left, right):
        return left * right

    def cleanup(self, results):
        return sum(results)
