"""The one error a parser raises: the page no longer has the structure the parser relies on."""

from calaccess_toolkit.errors import ToolkitError


class LayoutChanged(ToolkitError):
    """A page lacks a part every page of its kind has had; the parser refuses to guess."""

    def __init__(self, page: str, what: str) -> None:
        super().__init__(f"The layout of {page} has changed: {what} not found")
        self.page = page
        self.what = what
