"""The campaign browser's pages: one module per page type, behind one error edge (errors.py)."""
