"""Views of the downloads and documentation website, one module per page type.

Each is a Django view (served live under ``runserver``) and a django-bakery buildable view
(baked to ``CALACCESS_WEBSITE_BUILD_DIR``); :data:`calaccess_web.website.baking.PAGES` lists
them. They read the declared schema and specs, the tracking models and the build folder only.
"""
