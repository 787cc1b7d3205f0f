"""The downloads and documentation website: release files, ``latest/`` links, baking, publishing.

Library stages with explicit arguments, called by the framework commands of
``calaccess_web/commands``: :mod:`.releases` gathers a release's files into the build folder,
:mod:`.latest` points ``latest/`` at the newest complete one, :mod:`.baking` renders every page
with django-bakery, :mod:`.publishing` copies the build to a Django storage.
"""

from calaccess_toolkit.errors import ToolkitError


class WebsiteError(ToolkitError):
    """The site cannot be baked, checked or published (exit code 1)."""


class StaleWebsite(WebsiteError):
    """The baked site does not match the current data (``--check``)."""
