"""The web app's pages: the campaign browser, one module per page type behind one error edge
(``errors.py``), and ``website/``, the baked downloads and documentation site."""
