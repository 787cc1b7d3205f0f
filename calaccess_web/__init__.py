"""Web front of the toolkit: campaign browser and the baked downloads and documentation site."""
