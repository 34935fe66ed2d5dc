"""The profiles objects of the cross-tenant probe world (tests/probe_world.py)."""
from __future__ import annotations


def populate(world) -> None:
    """Add this domain's objects to world.groups[...] lists, each carrying a
    marker from world._marker(group) in a field the pages show."""
