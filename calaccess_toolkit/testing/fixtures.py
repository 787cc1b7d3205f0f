"""Locate the shared CAL-ACCESS fixtures (``../shared/fixtures`` beside the repository)."""

from __future__ import annotations

import os
from pathlib import Path

REPOSITORY_ROOT = Path(__file__).resolve().parents[2]


def fixtures_dir() -> Path:
    """The shared fixtures folder; ``CALACCESS_FIXTURES_DIR`` overrides the default location."""
    override = os.environ.get("CALACCESS_FIXTURES_DIR")
    path = Path(override) if override else REPOSITORY_ROOT.parent / "shared" / "fixtures"
    if not path.is_dir():
        raise FileNotFoundError(
            f"shared fixtures not found at {path}; set CALACCESS_FIXTURES_DIR to their folder"
        )
    return path


def fixture(*parts: str) -> Path:
    """Path of one file or folder inside the shared fixtures."""
    return fixtures_dir().joinpath(*parts)
