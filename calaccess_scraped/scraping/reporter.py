"""The reporting interface of the scrapers is the toolkit's (:mod:`calaccess_toolkit.reporting`).

This name stays while ``linking/`` (moving to ``calaccess_processed``) still imports it from here.
"""

from calaccess_toolkit.reporting import SILENT, Reporter

__all__ = ["SILENT", "Reporter"]
