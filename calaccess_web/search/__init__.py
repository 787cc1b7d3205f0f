"""Search of filers, committees, candidates and measures: one interface, each database's index.

:func:`calaccess_web.search.finder.search` takes the reader's words, a mode (``prefix`` or
``text``) and filters; :mod:`.query` parses the words (several words, ``"quoted phrases"``,
``-word`` to exclude) once, and :mod:`.backends` writes them in the syntax of the database's own
full-text index.
"""
