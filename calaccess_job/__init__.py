"""The nightly job: the one command that runs every app's update in order."""
