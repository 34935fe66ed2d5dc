"""Factories for test data (Indico style: create_x functions). They write
directly through the operations where an operation exists, so tests exercise
the same code paths as people do."""
from __future__ import annotations

from datetime import date

from portal.auth.operations import create_user as _create_user
from portal.db import db
from portal.members.models import Membership
from portal.orgs import operations as orgs
from portal.races import operations as races
from portal.tables import operations as tables

from functools import lru_cache

from werkzeug.security import generate_password_hash

PASSWORD = "correct horse battery staple"


@lru_cache(maxsize=1)
def _password_hash() -> str:
    # werkzeug's default scrypt takes ~0.1 s by design; hash the shared test password once.
    return generate_password_hash(PASSWORD)


def create_user(email: str, name: str | None = None, *, site_admin: bool = False):
    user = _create_user(None, email, name or email.split("@")[0].title(), None, is_site_admin=site_admin)
    user.password_hash = _password_hash()
    return user


def create_national(name: str, legal_status: str = "501c4"):
    return orgs.create_national(None, name, legal_status)


def create_state(national, state_code: str, name: str | None = None):
    return orgs.create_affiliate(None, national, "state", name or f"{national.name} {state_code}",
                                 national.legal_status, state_code=state_code)


def create_local(parent, city: str, name: str | None = None, state_code: str | None = None):
    return orgs.create_affiliate(None, parent, "local", name or f"{parent.name} {city}", parent.legal_status,
                                 state_code=state_code or parent.state_code, city=city)


def grant(user, org, role: str):
    membership = Membership(user_id=user.id, organization_id=org.id, role=role)
    db.session.add(membership)
    db.session.flush()
    return membership


def create_table(name: str, level: str = "federal", *, partners=(), facilitator=None, admin=None,
                 state_code=None, city=None):
    actor = admin or create_user(f"admin-{abs(hash(name)) % 10**8}@example.org", site_admin=True)
    table = tables.create_table(actor, name=name, level=level, cycle_year=2026, state_code=state_code,
                                city=city, threshold=4)
    for national in partners:
        tables.add_partner(actor, table, national)
    if facilitator is not None:
        tables.assign_facilitator(actor, table, facilitator.email)
    return table


def create_race(table, district: str = "MO-01", *, candidates=("Ada Example",), office=None, city=None):
    office = office or {"federal": "us_house", "state_legislative": "state_house", "municipal": "city_council"}[table.level]
    state = district[:2] if table.level != "municipal" else (table.state_code or "MO")
    race = races.add_race(None, table, office=office, state_code=state, district=district, stage="primary",
                          election_date=date(2026, 8, 4), city=city)
    for name in candidates:
        races.add_candidate(None, race, name=name, party="Democratic", is_incumbent=False)
    return race


# --- helpers shared by the behaviour tests (appended) -------------------------------------

def table_counts(session) -> dict[str, int]:
    """Row count of every table in the metadata, to prove a refused request wrote nothing."""
    from sqlalchemy import func, select

    from portal.db import Base
    return {table.name: session.scalar(select(func.count()).select_from(table))
            for table in Base.metadata.sorted_tables}


def page_text(response) -> str:
    """A response body as a person reads it: tags dropped, entities decoded and
    white space collapsed, for matching messages."""
    import html
    import re
    text = re.sub(r"<[^>]+>", " ", response.get_data(as_text=True))
    text = re.sub(r"\s+", " ", html.unescape(text))
    return re.sub(r" ([.,;:)])", r"\1", text)
