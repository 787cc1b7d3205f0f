"""Canonical form of a command's parameters: what identifies a run in the log."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from typing import Any


def canonical_json(parameters: Mapping[str, Any]) -> str:
    """Parameters as JSON with sorted keys, so equal parameters always give equal text."""
    return json.dumps(dict(parameters), sort_keys=True, default=str, separators=(",", ":"))


def parameters_hash(parameters: Mapping[str, Any]) -> str:
    """A fixed-length key for the parameters (long JSON cannot be indexed on every database)."""
    return hashlib.sha256(canonical_json(parameters).encode()).hexdigest()
