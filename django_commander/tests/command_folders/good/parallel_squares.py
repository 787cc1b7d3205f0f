import os

from django_commander.base import MultiprocessDownloadIterateCommand


class ParallelSquares(MultiprocessDownloadIterateCommand):
    """Square numbers on several processes and report which processes did the work."""

    def download(self):
        return list(range(20))

    def iterate(self, numbers):
        yield from numbers

    def parse_and_save(self, number):
        return (number * number, os.getpid())

    def cleanup(self, results):
        return {"squares": [square for square, _ in results], "pids": [pid for _, pid in results]}
