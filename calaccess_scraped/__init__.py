"""Facts scraped from the CAL-ACCESS website: elections, candidates, incumbents, ballot measures."""
