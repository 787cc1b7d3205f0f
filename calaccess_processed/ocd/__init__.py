"""Open Civic Data elections built from the scraped website and the raw lookup codes.

One module per concept: ``ids`` (deterministic OCD ids and slugs), ``divisions``, ``parties``,
``offices`` (office names → organizations, posts, divisions), ``election_dates``,
``measures`` (ballot measures and recalls), ``elections`` and ``candidate_contests``. Each loader
is a function taking explicit arguments and returning how many rows it wrote; the framework
commands in ``calaccess_processed.commands`` call them.
"""
