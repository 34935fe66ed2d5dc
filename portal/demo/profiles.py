"""The demo's candidate profiles: two candidates of the federal table's MO-01
primary, kept by the demo facilitator, with a correction the facilitator
accepted (crediting the suggesting affiliate) and one awaiting a decision.

Everything goes through the real operations, so audit records, the
facilitator log and notifications look as they would had people used the
portal. Idempotent: facts are looked up by candidate and label, corrections
by candidate, organization and label. Every person, fact and address is fictional."""
from __future__ import annotations

from sqlalchemy import func, select

from portal.auth.models import User
from portal.db import db
from portal.orgs.models import Organization
from portal.profiles.models import ProfileCorrection, ProfileFact
from portal.profiles.operations import accept_correction, add_fact, suggest_correction
from portal.races.models import Candidate, Race
from portal.tables.models import CoalitionTable

FEDERAL_TABLE = "2026 Congressional Primaries Table"

# (candidate, section, label, value, source)
FACTS = [
    ("Jamal Okoro", "biography", "Occupation",
     "Public school teacher in St. Louis for twelve years; union building representative.",
     "Candidate questionnaire, March 2026"),
    ("Jamal Okoro", "biography", "Background",
     "Grew up in north St. Louis County.\nFirst campaign for public office.",
     "https://news.example/stl/okoro-announces"),
    ("Jamal Okoro", "position", "Medicare for All", "Supports; would co-sponsor.",
     "Candidate forum, April 12, 2026"),
    ("Jamal Okoro", "position", "Housing", "Backs a federal renters' bill of rights.",
     "https://okoro-for-congress.example/issues"),
    ("Jamal Okoro", "link", "Campaign website", "https://okoro-for-congress.example",
     "Filing with the state board of elections"),
    ("Delphine Marchetti", "biography", "In office", "Serving a second term; sits on the Education committee.",
     "https://house.example/members/marchetti"),
    ("Delphine Marchetti", "position", "Medicare for All", "Has not taken a position.",
     "Candidate forum, April 12, 2026"),
    ("Delphine Marchetti", "race", "Filing deadline", "March 31, 2026 (filed March 3).",
     "Missouri Secretary of State candidate list"),
]

# (candidate, organization slug, suggester key, label, value, source, reason, accept)
CORRECTIONS = [
    ("Jamal Okoro", "wfn-mo", "state_leader", "Housing",
     "Backs a federal renters' bill of rights and a national right to counsel in eviction court.",
     "https://okoro-for-congress.example/issues/housing", "His housing plan was expanded in May.", True),
    ("Jamal Okoro", "wfn-mo", "state_leader", "Endorsements received",
     "St. Louis teachers' local endorsed him on May 2, 2026.",
     "https://news.example/stl/teachers-endorse-okoro", "Worth noting for the working group.", False),
]


def _candidate(table: CoalitionTable, name: str) -> Candidate | None:
    return db.session.scalar(select(Candidate).join(Race).where(Race.table_id == table.id, Race.district == "MO-01",
                                                                Race.stage == "primary", Candidate.name == name))


def _fact(candidate: Candidate, label: str) -> ProfileFact | None:
    return db.session.scalar(select(ProfileFact).where(ProfileFact.candidate_id == candidate.id,
                                                       ProfileFact.label == label,
                                                       ProfileFact.retired_at.is_(None)))


def seed_demo_profiles(people: dict[str, User]) -> int:
    """Profiles at the federal table; returns how many facts exist there now."""
    table = db.session.scalar(select(CoalitionTable).where(CoalitionTable.name == FEDERAL_TABLE))
    facilitator = people["facilitator"]
    if table is None or table.facilitator_id != facilitator.id:
        return 0
    for name, section, label, value, source in FACTS:
        candidate = _candidate(table, name)
        if candidate is not None and _fact(candidate, label) is None:
            add_fact(facilitator, candidate, section=section, label=label, value=value, source=source)
    for name, slug, key, label, value, source, reason, accept in CORRECTIONS:
        candidate = _candidate(table, name)
        org = db.session.scalar(select(Organization).where(Organization.slug == slug))
        if candidate is None or org is None or key not in people:
            continue
        exists = db.session.scalar(select(ProfileCorrection.id).where(
            ProfileCorrection.candidate_id == candidate.id, ProfileCorrection.organization_id == org.id,
            ProfileCorrection.label == label))
        if exists is not None:
            continue
        fact = _fact(candidate, label)
        correction = suggest_correction(people[key], candidate, org, fact=fact, section="biography", label=label,
                                        value=value, source=source, reason=reason)
        if accept:
            accept_correction(facilitator, correction, expected_version=correction.version,
                              note="Thank you — updated.")
    db.session.flush()
    return db.session.scalar(select(func.count(ProfileFact.id)).join(Candidate).join(Race)
                             .where(Race.table_id == table.id))
