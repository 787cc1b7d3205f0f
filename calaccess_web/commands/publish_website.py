"""The ``publish_website`` step: the baked site to its storage, only what changed."""

from __future__ import annotations

from pathlib import Path

from django.core.files.storage import storages

from calaccess_toolkit import conf
from calaccess_toolkit.errors import UsageError
from calaccess_web.website import baking, publishing
from django_commander.base import BasicCommand


class PublishWebsite(BasicCommand):
    """Copy the baked website to the storage CALACCESS_WEBSITE_STORAGE names (a folder or S3),
    uploading only the files whose SHA-256 changed; refuses a stale bake."""

    def run(self) -> dict[str, int]:
        build_dir = Path(conf.get("CALACCESS_WEBSITE_BUILD_DIR"))
        alias = conf.get("CALACCESS_WEBSITE_STORAGE")
        try:
            storage = storages[alias]
        except Exception:  # InvalidStorageError, or a backend that cannot be built
            raise UsageError(
                f"CALACCESS_WEBSITE_STORAGE names {alias!r}, which is not a usable storage "
                "of STORAGES"
            ) from None
        baking.check(build_dir)
        result = publishing.publish(build_dir, storage)
        self.say(
            f"Published to {alias!r}: {len(result.uploaded)} uploaded, "
            f"{len(result.deleted)} deleted, {result.unchanged} unchanged."
        )
        return {
            "uploaded": len(result.uploaded),
            "deleted": len(result.deleted),
            "unchanged": result.unchanged,
        }
