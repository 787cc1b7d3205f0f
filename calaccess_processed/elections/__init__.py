"""Election facts derived from the raw and scraped tables: dated elections, candidates' committees.

- :mod:`.dates`: the candidate lists' elections dated from the incumbent lists;
- :mod:`.candidate_committees`: which committees each candidate controls, from ``FILER_LINKS_CD``;
- :mod:`.lookup_codes`: the raw lookup codes they read, checked against the declared schema.
"""
