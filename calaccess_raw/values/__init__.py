"""The raw layer's typing rules, with no Django: how a text value becomes a typed one.

Both the cleaner (which repairs a row only when every value fits its column) and the loader
(which types every value) read these rules, and the processed layer reads them too, so they sit
below all of them and import only the standard library and the declared schema:

- :mod:`.rules`: one converter per stored type (blank is NULL, flags, dates, decimals…);
- :mod:`.column_rules`: whether a value fits its column (type and documented length);
- :mod:`.lines`: a byte stream read as blocks of whole lines.
"""
