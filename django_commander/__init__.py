"""A framework of logged, dependency-aware, resumable pipeline commands for Django."""
