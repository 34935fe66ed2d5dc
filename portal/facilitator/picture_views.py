"""Filled in by the issue-5 work."""
