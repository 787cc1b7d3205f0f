"""The scraper's settings (read them with ``calaccess_toolkit.conf``; the HTTP retries and
timeout it shares with the downloader are the toolkit's, in ``calaccess_toolkit/settings.py``)."""

from calaccess_toolkit import conf
from calaccess_toolkit.settingtypes import NUMBER

WEBSITE_URL = conf.Setting(
    "CALACCESS_WEBSITE_URL",
    "https://cal-access.sos.ca.gov",
    "Base URL of the CAL-ACCESS website that the scrapers read.",
)
SCRAPER_RATE = conf.Setting(
    "CALACCESS_SCRAPER_RATE",
    1.0,
    "Most requests per second the scrapers send to the CAL-ACCESS website.",
    NUMBER,
)

SCRAPE_RESUME_HOURS = conf.Setting(
    "CALACCESS_SCRAPE_RESUME_HOURS",
    20,
    "How long a partial scrape is resumed: a rerun repeats only the scrapers that the partial "
    "runs of the last this many hours left incomplete, and older runs are not resumed (so a "
    "page that fails every night does not keep the other scrapers' data from being refreshed).",
    NUMBER,
)

SETTINGS = conf.declare("calaccess_scraped", WEBSITE_URL, SCRAPER_RATE, SCRAPE_RESUME_HOURS)
