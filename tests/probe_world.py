"""A two-tenant world for the cross-tenant probe. Every object carries a
marker in its name; a persona must never see the markers of the groups that
are foreign to it, on any page, whatever ids it puts in the URL."""
from __future__ import annotations

import secrets
from dataclasses import dataclass, field

from portal.db import db
from portal.members import operations as members
from portal.sso import operations as sso
from portal.sso.models import AccessRequest
from tests.factories import create_local, create_national, create_race, create_state, create_table, create_user, grant


@dataclass
class Group:
    markers: list[str] = field(default_factory=list)
    orgs: list = field(default_factory=list)
    memberships: list = field(default_factory=list)
    invitations: list = field(default_factory=list)
    tables: list = field(default_factory=list)
    races: list = field(default_factory=list)
    providers: list = field(default_factory=list)
    rules: list = field(default_factory=list)
    requests: list = field(default_factory=list)
    declarations: list = field(default_factory=list)
    revisions: list = field(default_factory=list)
    # Issue 6's coordination spaces (filled by tests/probe_<domain>.py).
    working_groups: list = field(default_factory=list)
    activities: list = field(default_factory=list)
    notes: list = field(default_factory=list)
    candidates: list = field(default_factory=list)
    facts: list = field(default_factory=list)
    corrections: list = field(default_factory=list)
    meetings: list = field(default_factory=list)
    action_items: list = field(default_factory=list)
    feeds: list = field(default_factory=list)


OBJECT_LISTS = ("orgs", "memberships", "invitations", "tables", "races", "providers", "rules", "requests",
                "declarations", "revisions", "working_groups", "activities", "notes", "candidates", "facts",
                "corrections", "meetings", "action_items", "feeds")


class ProbeWorld:
    def __init__(self):
        self.groups: dict[str, Group] = {name: Group() for name in
                                         ("A_national", "A_staff", "A_MO", "A_KS", "A_table", "B_all",
                                          "C_secret", "C_facilitator", "C_workgroup", "F_draft")}
        self._n = 0
        g = self.groups
        # Tenant A: national, two sibling state subtrees.
        self.a = self._org(g["A_national"], create_national, "Alpha Alliance")
        self.a_mo = self._org(g["A_MO"], create_state, self.a, "MO", "Alpha Missouri")
        self.a_stl = self._org(g["A_MO"], create_local, self.a_mo, "St. Louis", "Alpha St. Louis")
        self.a_ks = self._org(g["A_KS"], create_state, self.a, "KS", "Alpha Kansas")
        self.a_kc = self._org(g["A_KS"], create_local, self.a_ks, "Kansas City", "Alpha Kansas City")
        # Tenant B: another national with its own tree.
        self.b = self._org(g["B_all"], create_national, "Bravo Network")
        self.b_mo = self._org(g["B_all"], create_state, self.b, "MO", "Bravo Missouri")
        self.b_stl = self._org(g["B_all"], create_local, self.b_mo, "St. Louis", "Bravo St. Louis")
        self.c = create_national("Charlie Collective")  # a neutral partner with no secrets

        self.personas = {
            "a_national_admin": self._person(g["A_staff"], "Ana Admin", self.a, "admin"),
            "a_approver": self._person(g["A_staff"], "Abe Approver", self.a, "approver"),
            "a_state_leader": self._person(g["A_MO"], "Mo Leader", self.a_mo, "leader"),
            "a_local_leader": self._person(g["A_MO"], "Lou Leader", self.a_stl, "leader"),
            "a_sibling_admin": self._person(g["A_KS"], "Kas Admin", self.a_ks, "admin"),
            "b_national_admin": self._person(g["B_all"], "Bea Admin", self.b, "admin"),
        }
        self._person(g["A_KS"], "Kay Member", self.a_kc, "member")
        self._person(g["B_all"], "Bo Leader", self.b_stl, "leader")
        self._invite(g["A_KS"], self.personas["a_sibling_admin"], self.a_kc)
        self._invite(g["A_MO"], self.personas["a_national_admin"], self.a_stl)
        self._invite(g["B_all"], self.personas["b_national_admin"], self.b_mo)

        self._provider(g["A_national"], self.a, self.a_mo)
        self._provider(g["B_all"], self.b, self.b_mo)
        self._access_request(g["A_KS"], self.a_ks)
        self._access_request(g["A_MO"], self.a_stl)
        self._access_request(g["B_all"], self.b_mo)

        admin = create_user("root@portal.example", "Root Admin", site_admin=True)
        self.facilitator = create_user(f"f.{self._marker(g['A_table'])}@neutral.example",
                                       f"Fay Facilitator {g['A_table'].markers[-1]}")
        self.personas["facilitator"] = self.facilitator
        b_facilitator = create_user(f"g.{self._marker(g['B_all'])}@neutral.example",
                                    f"Gus Facilitator {g['B_all'].markers[-1]}")
        self.table_a = self._table(g["A_table"], "Alpha table", [self.a, self.c], self.facilitator, admin)
        self.table_b = self._table(g["B_all"], "Bravo table", [self.b], b_facilitator, admin)
        self._declarations(admin)
        self.admin = admin
        # The coordination spaces: each domain adds its objects and markers.
        from tests import probe_calendars, probe_meetings, probe_profiles, probe_workgroups
        for domain in (probe_workgroups, probe_profiles, probe_meetings, probe_calendars):
            domain.populate(self)
        db.session.commit()

    # Which groups each persona must never see. C_secret: another partner's pending,
    # own-only, embargoed and rejected declarations at the persona's own table;
    # C_facilitator: that partner's declaration shared with the facilitator only;
    # C_workgroup: a working group at the persona's table that only partner C joined
    # (members and the facilitator see it); F_draft: the facilitator's drafts (unpublished
    # meeting notes, say), which no partner sees.
    FORBIDDEN = {
        "a_national_admin": ("B_all", "C_secret", "C_facilitator", "C_workgroup", "F_draft"),
        "a_approver": ("B_all", "C_secret", "C_facilitator", "C_workgroup", "F_draft"),
        "a_state_leader": ("B_all", "A_KS", "C_secret", "C_facilitator", "C_workgroup", "F_draft"),
        "a_local_leader": ("B_all", "A_KS", "C_secret", "C_facilitator", "C_workgroup", "F_draft"),
        "a_sibling_admin": ("B_all", "A_MO", "C_secret", "C_facilitator", "C_workgroup", "F_draft"),
        "facilitator": ("B_all", "A_MO", "A_KS", "A_staff", "C_secret"),
        "b_national_admin": ("A_national", "A_staff", "A_MO", "A_KS", "A_table", "C_secret", "C_facilitator",
                             "C_workgroup", "F_draft"),
    }

    def _declarations(self, admin) -> None:
        """Declarations whose notes carry markers, in the states that must not leak."""
        from datetime import timedelta

        from portal.approvals.operations import decide
        from portal.db import utcnow
        g = self.groups
        race_a, race_b = g["A_table"].races[0], g["B_all"].races[0]
        c_mo = create_state(self.c, "MO", "Charlie Missouri")
        c_leader = self._person(g["C_secret"], "Cal Leader", c_mo, "leader")
        c_approver = self._person(g["C_secret"], "Cy Approver", self.c, "approver")
        stl_leader = self.personas["a_local_leader"]
        kc_leader = self._person(g["A_KS"], "Kit Leader", self.a_kc, "leader")
        b_leader = self._person(g["B_all"], "Ben Leader", self.b_mo, "leader")
        b_approver = self._person(g["B_all"], "Bree Approver", self.b, "approver")
        later = utcnow() + timedelta(days=30)
        # Another partner at the persona's own table: pending, own-only, embargoed, rejected.
        self._declare(g["C_secret"], c_leader, c_mo, self.table_a, race_a, visibility="table")
        self._declare(g["C_secret"], c_leader, c_mo, self.table_a, race_a, visibility="own", approver=c_approver)
        self._declare(g["C_secret"], c_leader, c_mo, self.table_a, race_a, visibility="table", share_from=later,
                      approver=c_approver)
        self._declare(g["C_secret"], c_leader, c_mo, self.table_a, race_a, visibility="table",
                      approver=c_approver, reject=True)
        self._declare(g["C_facilitator"], c_leader, c_mo, self.table_a, race_a, visibility="facilitator",
                      approver=c_approver)
        # Inside tenant A: each subtree's own-only plans.
        self._declare(g["A_MO"], stl_leader, self.a_stl, self.table_a, race_a, visibility="own")
        self._declare(g["A_KS"], kc_leader, self.a_kc, self.table_a, race_a, visibility="own",
                      approver=self.personas["a_approver"])
        # Tenant B at its own table, even shared with its table.
        self._declare(g["B_all"], b_leader, self.b_mo, self.table_b, race_b, visibility="table",
                      approver=b_approver)
        self._declare(g["B_all"], b_leader, self.b_mo, self.table_b, race_b, visibility="own")
        self._decide = decide

    def _declare(self, group, leader, org, table, race, *, visibility, share_from=None, approver=None,
                 reject=False):
        from portal.approvals.operations import decide
        from portal.declarations.operations import declare
        marker = self._marker(group)
        declaration = declare(leader, org, table, kind="pledge", race=race, candidate=None, stage=None,
                              submission_key=f"probe-{marker}", activity="phonebank", quantity=3, unit="shifts",
                              starts_on=race.election_date.replace(day=1), ends_on=race.election_date,
                              note=f"plan {marker}", visibility=visibility, share_from=share_from)
        revision = declaration.pending
        if approver is not None and revision is not None:
            decide(approver, revision, approve=not reject, reason=f"no {marker}" if reject else None)
        group.declarations.append(declaration)
        group.revisions.extend(declaration.revisions)

    def _marker(self, group: Group) -> str:
        self._n += 1
        marker = f"qz{self._n:03d}{secrets.token_hex(2)}"
        group.markers.append(marker)
        return marker

    def _org(self, group, factory, *args):
        *rest, name = args
        org = factory(*rest, f"{name} {self._marker(group)}")
        group.orgs.append(org)
        return org

    def _person(self, group, name, org, role):
        marker = self._marker(group)
        user = create_user(f"{marker}@people.example", f"{name} {marker}")
        group.memberships.append(grant(user, org, role))
        return user

    def _invite(self, group, actor, org):
        email = f"{self._marker(group)}@invited.example"
        invitation, _token = members.invite(actor, org, email, "member")
        group.invitations.append(invitation)

    def _provider(self, group, national, org):
        marker = self._marker(group)
        provider = sso.register_provider(None, national, name=f"Sign-in {marker}", issuer=f"https://{marker}.example",
                                         client_id=f"client-{marker}", client_secret="s3cret", domains=[f"{marker}.example"])
        group.providers.append(provider)
        group.rules.append(sso.add_rule(None, provider, claim="groups", value=f"g-{marker}", organization=org,
                                        role="leader"))

    def _access_request(self, group, org):
        marker = self._marker(group)
        user = create_user(f"{marker}@asking.example", f"Asker {marker}")
        request = AccessRequest(user_id=user.id, organization_id=org.id, message=f"please {marker}")
        db.session.add(request)
        db.session.flush()
        group.requests.append(request)

    def _table(self, group, name, partners, facilitator, admin):
        table = create_table(f"{name} {self._marker(group)}", partners=partners, facilitator=facilitator, admin=admin)
        group.tables.append(table)
        marker = self._marker(group)
        group.races.append(create_race(table, "MO-01", candidates=[f"Cand {marker}"]))
        return table

    def forbidden(self, persona: str) -> Group:
        merged = Group()
        for name in self.FORBIDDEN[persona]:
            group = self.groups[name]
            for attr in ("markers", *OBJECT_LISTS):
                getattr(merged, attr).extend(getattr(group, attr))
        return merged

    def allowed(self, persona: str) -> Group:
        """Everything not forbidden to the persona: its own objects and what it may see."""
        merged = Group()
        for name, group in self.groups.items():
            if name in self.FORBIDDEN[persona]:
                continue
            for attr in OBJECT_LISTS:
                getattr(merged, attr).extend(getattr(group, attr))
        merged.orgs.append(self.c)
        return merged
