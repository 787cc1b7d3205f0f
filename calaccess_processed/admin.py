"""Admin pages of the processed data: read-only, since every row is rebuilt by its step."""

from django.contrib import admin

from calaccess_processed.models import CandidateCommittee
from calaccess_toolkit.admin import ReadOnlyAdmin

admin.site.register(
    CandidateCommittee,
    ReadOnlyAdmin,
    list_display=(
        "candidate_filer_id",
        "committee_filer_id",
        "committee_name",
        "link_type",
        "session",
        "active_flag",
    ),
    list_filter=("link_type", "active_flag", "session"),
    search_fields=("=candidate_filer_id", "=committee_filer_id", "committee_name"),
)
