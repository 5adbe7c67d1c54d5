"""Briefing: turn a corpus of news articles into sourced briefing reports."""

__version__ = "0.1.0"
