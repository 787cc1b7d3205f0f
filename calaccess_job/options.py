"""The options both nightly jobs take, declared once."""

from __future__ import annotations

import argparse


def add_update_options(parser: argparse.ArgumentParser) -> None:
    """``--keep-files`` and ``--skip-scrape``, passed on to the update's steps."""
    parser.add_argument(
        "--keep-files",
        action="store_true",
        help="Keep downloaded and intermediate files after loading.",
    )
    parser.add_argument(
        "--skip-scrape",
        action="store_true",
        help="Leave the website data as it is: update the raw data, then process.",
    )
