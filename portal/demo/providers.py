"""The demo's identity providers: two local OpenID Connect provider processes
(oidc-provider-mock) standing in for two nationals' Google Workspace or Entra,
with people who show each first-sign-in path."""
from __future__ import annotations

DEMO_PROVIDERS = [
    {
        "national": "working-families-network", "port": 9400, "name": "Working Families Network accounts",
        "domains": ["wfnetwork.example", "coalition-affiliates.example"],
        "rules": [("groups", "wfn-mo-leaders", "wfn-mo", "leader"),
                  ("groups", "wfn-stl-leaders", "wfn-mo-st-louis", "leader")],
        "people": [
            {"sub": "ana.rivera", "email": "ana.rivera@wfnetwork.example", "name": "Ana Rivera",
             "groups": ["wfn-stl-leaders"], "shows": "a mapping rule makes her leader of WFN St. Louis"},
            {"sub": "jordan.lee", "email": "jordan.lee@wfnetwork.example", "name": "Jordan Lee",
             "groups": [], "shows": "redeems a pending invitation (leader, WFN Kansas City)"},
            {"sub": "casey.new", "email": "casey.new@wfnetwork.example", "name": "Casey Newman",
             "groups": [], "shows": "has no access yet and asks for it"},
            {"sub": "pat.kim", "email": "pat.kim@coalition-affiliates.example", "name": "Pat Kim",
             "groups": ["wfn-mo-leaders"], "shows": "shared domain: picks the organization first"},
        ],
    },
    {
        "national": "climate-justice-action", "port": 9401, "name": "Climate Justice Action accounts",
        "domains": ["climatejusticeaction.example", "coalition-affiliates.example"],
        "rules": [("groups", "cja-mo-leaders", "cja-mo", "leader")],
        "people": [
            {"sub": "sam.okafor", "email": "sam.okafor@climatejusticeaction.example", "name": "Sam Okafor",
             "groups": ["cja-mo-leaders"], "shows": "leader of Climate Justice Action Missouri"},
            {"sub": "pat.kim", "email": "pat.kim@coalition-affiliates.example", "name": "Pat Kim",
             "groups": [], "shows": "shared domain, other national"},
        ],
    },
]

# Invitations waiting for people who will sign in through a provider: (e-mail, org slug, role).
DEMO_SSO_INVITATIONS = [("jordan.lee@wfnetwork.example", "wfn-mo-kansas-city", "leader")]


def issuer(spec: dict) -> str:
    return f"http://127.0.0.1:{spec['port']}"


def claims(person: dict) -> dict:
    return {"sub": person["sub"], "email": person["email"], "email_verified": True, "name": person["name"],
            "groups": person["groups"]}
