"""The root of the toolkit's typed errors.

Errors are raised near their source with a one-line message that a user can act on. Each boundary
(management command, Celery task, web view) translates :class:`ToolkitError` into its own form once,
so users see that line and a non-zero exit code, never a traceback.
"""


class ToolkitError(Exception):
    """An expected failure with a message meant for the user."""
