"""Rules for the workgroups actions, merged into the action table by portal.access.policy."""
from __future__ import annotations

ACTIONS: dict = {}
# Models whose visibility decides 404 (see policy.VISIBILITY_ACTION).
VISIBILITY_ACTION: dict = {}
