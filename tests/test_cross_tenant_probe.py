"""The cross-tenant probe: each persona requests every route with the ids of
objects foreign to it (GET and POST, with a valid CSRF token and a form that
would be valid), and must get 403/404, see no foreign marker, and change
nothing in the database. A route whose URL parameter the probe cannot fill
fails the test, so new routes cannot escape it."""
from __future__ import annotations

import secrets

import pytest

from tests.conftest import Browser
from tests.db_state import fingerprint
from tests.factories import PASSWORD
from tests.probe_world import ProbeWorld

PROBE_COUNTS: dict[str, int] = {}

# Routes whose POST ends the prober's own session: covered by the sign-out tests instead.
SESSION_ENDING = {"auth.logout", "auth.end_all_sessions"}


def body_text(response) -> str:
    """A response body as text; a spreadsheet download is unzipped so markers inside it are seen too."""
    data = response.get_data()
    if response.mimetype == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet":
        import io
        import zipfile
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return "".join(archive.read(name).decode("utf-8", errors="replace") for name in archive.namelist())
    return data.decode("utf-8", errors="replace")


def form_that_would_be_valid(foreign) -> dict:
    """Field values that pass validation, with foreign ids in every id field, so
    a missing authorization check would show up as a write."""
    org = foreign.orgs[0].id if foreign.orgs else 0
    national = next((o.id for o in foreign.orgs if o.kind == "national"), org)
    return {
        "name": "Probe Name", "email": "probe@probe.example", "role": "admin", "kind": "local",
        "state_code": "MO", "city": "Probe City", "legal_status": "501c4", "level": "federal",
        "cycle_year": "2026", "critical_mass_threshold": "4", "office": "us_house", "district": "MO-02",
        "stage": "primary", "election_date": "2026-08-04", "party": "Democratic", "is_incumbent": "",
        "password": "probe-password-123", "confirm": "probe-password-123", "version": "1",
        "organization_id": str(org), "national_id": str(national), "new_parent_id": str(org),
        "issuer": "https://probe.example", "client_id": "probe", "client_secret": "probe", "domains": "probe.example",
        "claim": "groups", "value": "probe", "decision": "approve", "message": "probe",
    }


# URL parameters of the coordination spaces (issue 6) and the world's lists that fill them.
COORDINATION_PARAMS = {"group_id": "working_groups", "activity_id": "activities", "note_id": "notes",
                       "candidate_id": "candidates", "fact_id": "facts", "correction_id": "corrections",
                       "meeting_id": "meetings", "item_id": "action_items", "feed_id": "feeds"}


def foreign_values(param: str, foreign, world: ProbeWorld) -> list:
    if param == "org_id":
        return [o.id for o in foreign.orgs]
    if param == "national_id":
        return [o.id for o in foreign.orgs if o.kind == "national"] or [world.b.id]
    if param == "membership_id":
        return [m.id for m in foreign.memberships]
    if param == "invitation_id":
        return [i.id for i in foreign.invitations]
    if param == "table_id":
        return [t.id for t in foreign.tables]
    if param == "race_id":
        return [r.id for r in foreign.races]
    if param == "user_id":
        return [m.user_id for m in foreign.memberships] + [r.user_id for r in foreign.requests]
    if param == "provider_id":
        return [p.id for p in foreign.providers]
    if param == "rule_id":
        return [r.id for r in foreign.rules]
    if param == "request_id":
        return [r.id for r in foreign.requests]
    if param == "declaration_id":
        return [d.id for d in foreign.declarations]
    if param == "revision_id":
        return [r.id for r in foreign.revisions]
    if param == "token":
        return [secrets.token_urlsafe(32)]
    if param in COORDINATION_PARAMS:
        return [o.id for o in getattr(foreign, COORDINATION_PARAMS[param])]
    raise AssertionError(f"the probe does not know how to fill <{param}>: teach foreign_values() about it")


def combinations(rule, objects, world):
    params = sorted(rule.arguments)
    if not params:
        return [{}]
    combos = [{}]
    for param in params:
        values = foreign_values(param, objects, world)
        combos = [dict(combo, **{param: value}) for combo in combos for value in values]
    return combos[:200]  # a route with several parameters: enough combinations to be thorough


@pytest.mark.parametrize("persona", sorted(ProbeWorld.FORBIDDEN))
def test_no_persona_reaches_a_foreign_object_through_any_route(app, persona):
    world = ProbeWorld()
    foreign = world.forbidden(persona)
    assert foreign.markers, "the probe world must give this persona something to miss"
    browser = Browser(app.test_client())
    assert browser.sign_in(world.personas[persona].email, PASSWORD).status_code == 302
    form = form_that_would_be_valid(foreign)
    before = fingerprint()
    probes, leaks, routes = 0, [], set()
    for rule in app.url_map.iter_rules():
        if rule.endpoint == "static":
            continue
        for method in sorted(rule.methods & {"GET", "POST"}):
            if method == "POST" and rule.endpoint in SESSION_ENDING:
                continue
            for values in combinations(rule, foreign, world):
                url = rule.build(values, append_unknown=False)[1]
                response = browser.get(url) if method == "GET" else browser.post(url, data=form)
                probes += 1
                routes.add(rule.endpoint)
                body = body_text(response).lower()
                seen = [m for m in foreign.markers if m in body]
                if values and response.status_code not in (403, 404):
                    leaks.append(f"{method} {url}: status {response.status_code}")
                if response.status_code >= 500:
                    leaks.append(f"{method} {url}: server error")
                if seen:
                    leaks.append(f"{method} {url}: shows foreign markers {seen}")
                after = fingerprint()
                if after != before:
                    leaks.append(f"{method} {url}: changed the database")
                    before = after
    PROBE_COUNTS[persona] = probes
    print(f"\n{persona}: {probes} probes over {len(routes)} routes, {len(leaks)} leaks")
    assert leaks == []
    assert browser.get("/").status_code == 200, "the persona is still signed in after the probe"


def test_foreign_ids_in_form_fields_are_refused(app):
    """Ids smuggled in form fields of the persona's own routes are refused too."""
    world = ProbeWorld()
    browser = Browser(app.test_client())
    browser.sign_in(world.personas["a_national_admin"].email, PASSWORD)
    before = fingerprint()
    moved = browser.post(f"/orgs/{world.a_stl.id}/move", data={"new_parent_id": world.b_mo.id})
    assert moved.status_code == 422
    switched = browser.post("/account/acting-for", data={"organization_id": world.b.id})
    assert switched.status_code == 404
    assert fingerprint() == before
    assert world.groups["B_all"].markers[0] not in browser.get("/").get_data(as_text=True)


def test_probe_covers_every_route(app):
    """Every non-static route is probed by every persona (guards against a
    route the probe silently skips)."""
    endpoints = {rule.endpoint for rule in app.url_map.iter_rules() if rule.endpoint != "static"}
    world_params = {"org_id", "national_id", "membership_id", "invitation_id", "table_id", "race_id", "token",
                    "user_id", "provider_id", "rule_id", "request_id", "declaration_id", "revision_id",
                    *COORDINATION_PARAMS}
    unknown = {arg for rule in app.url_map.iter_rules() if rule.endpoint != "static" for arg in rule.arguments}
    assert unknown <= world_params, f"routes take parameters the probe cannot fill: {unknown - world_params}"
    assert len(endpoints) > 20


@pytest.mark.parametrize("persona", sorted(ProbeWorld.FORBIDDEN))
def test_pages_about_allowed_objects_show_nothing_forbidden(app, persona):
    """Every GET route with the ids of objects the persona may legitimately open
    (its own, its table's): the pages must still never show another
    organization's pending, unshared, embargoed or rejected declarations."""
    world = ProbeWorld()
    forbidden, allowed = world.forbidden(persona), world.allowed(persona)
    browser = Browser(app.test_client())
    assert browser.sign_in(world.personas[persona].email, PASSWORD).status_code == 302
    probes, leaks = 0, []
    for rule in app.url_map.iter_rules():
        if rule.endpoint == "static" or "GET" not in rule.methods or not rule.arguments:
            continue
        for values in combinations(rule, allowed, world):
            url = rule.build(values, append_unknown=False)[1]
            response = browser.get(url)
            probes += 1
            body = body_text(response).lower()
            if response.status_code >= 500:
                leaks.append(f"GET {url}: server error")
            seen = [m for m in forbidden.markers if m in body]
            if seen:
                leaks.append(f"GET {url}: shows forbidden markers {seen}")
    PROBE_COUNTS[f"{persona} (own objects)"] = probes
    assert leaks == []
