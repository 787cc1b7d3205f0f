"""Raw CAL-ACCESS data: download, extract, clean, load, verify and report every exported table."""
