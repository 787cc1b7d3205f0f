"""Which committees each candidate controls, derived from the raw export's filer links.

The website shows a candidate's committees only on candidate detail pages, which are not scraped
(yet); the same facts are in the raw export's ``FILER_LINKS_CD`` table, as links of type 12011
("candidate controls this committee") and -12011 ("controlling candidate"). Each row here is one
such link with the candidate and the committee told apart (see
:mod:`calaccess_processed.elections.candidate_committees`), named from ``FILERNAME_CD``.
"""

from django.db import models

from . import fields


class CandidateCommittee(models.Model):
    """A committee controlled by a candidate, from one row of ``FILER_LINKS_CD``."""

    candidate_filer_id = fields.IntegerField(db_index=True)
    committee_filer_id = fields.IntegerField(db_index=True)
    committee_name = fields.TextField(blank=True, help_text="From FILERNAME_CD; empty if unknown.")
    link_type = fields.IntegerField(help_text="FILER_LINKS_CD.LINK_TYPE: 12011 or -12011.")
    link_description = fields.CharField(max_length=100, blank=True)
    session = fields.IntegerField(null=True, blank=True)
    active_flag = fields.CharField(
        max_length=1, blank=True, help_text="FILER_LINKS_CD.ACTIVE_FLG as exported (Y, I, T…)."
    )
    effective_date = fields.DateField(null=True, blank=True)
    termination_date = fields.DateField(null=True, blank=True)
    source = fields.CharField(
        max_length=40, default="FILER_LINKS_CD", help_text="Where the link comes from."
    )
    source_row = fields.BigIntegerField(
        null=True, blank=True, help_text="Id of the calaccess_raw FilerLinksCd row it came from."
    )
    url = fields.CharField(
        max_length=500, help_text="The candidate's page on the website, which lists its committees."
    )
    derived_at = fields.DateTimeField(help_text="When the link was derived from the raw tables.")

    class Meta:
        ordering = ["candidate_filer_id", "committee_filer_id", "session"]

    def __str__(self) -> str:
        return f"{self.candidate_filer_id} controls {self.committee_filer_id}"
