"""The raw-data app's settings (read them with ``calaccess_toolkit.conf``)."""

from calaccess_toolkit import conf
from calaccess_toolkit.settingtypes import BOOLEAN

DOWNLOAD_URL = conf.Setting(
    "CALACCESS_DOWNLOAD_URL",
    "https://campaignfinance.cdn.sos.ca.gov/dbwebexport.zip",
    "Where the nightly CAL-ACCESS export ZIP is downloaded from.",
)
STORE_ARCHIVE = conf.Setting(
    "CALACCESS_STORE_ARCHIVE",
    False,
    "When true, keep the downloaded ZIP, the zipped clean files and the error logs of every "
    "release in Django's default storage under dated paths, linked from the tracking models.",
    BOOLEAN,
)
RAW_DATABASE = conf.Setting(
    "CALACCESS_RAW_DATABASE",
    "default",
    "Database alias that holds the raw tables when `calaccess_raw.routers.RawDataRouter` is in "
    "`DATABASE_ROUTERS`. The project sets it, and the router, when "
    "`CALACCESS_RAW_DATABASE_URL` is given.",
)

SETTINGS = conf.declare("calaccess_raw", DOWNLOAD_URL, STORE_ARCHIVE, RAW_DATABASE)
