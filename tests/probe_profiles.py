"""The profiles objects of the cross-tenant probe world (tests/probe_world.py):
facts everyone at table_a reads, partner C's correction at table_a that only
C's tree and the facilitator see, and tenant B's facts and correction."""
from __future__ import annotations

from portal.profiles.operations import add_fact, decline_correction, suggest_correction
from tests.factories import create_user, grant


def populate(world) -> None:
    g = world.groups
    # Shared with everyone at table_a.
    candidate_a = g["A_table"].races[0].candidates[0]
    g["A_table"].candidates.append(candidate_a)
    occupation = _fact(world, g["A_table"], world.facilitator, candidate_a, "biography", "Occupation")
    _fact(world, g["A_table"], world.facilitator, candidate_a, "link", "Campaign website")

    # Partner C's suggestions at table_a: C's own tree and the facilitator only. The
    # suggester's name carries no marker: the facilitator sees who suggested.
    c_leader = create_user("cleo.profiles@charlie.example", "Cleo Charlie")
    grant(c_leader, world.c, "leader")
    marker = world._marker(g["C_workgroup"])
    g["C_workgroup"].corrections.append(suggest_correction(
        c_leader, candidate_a, world.c, fact=occupation, value=f"Nurse {marker}",
        source=f"https://news.example/{marker}", reason=f"because {marker}"))
    marker = world._marker(g["C_workgroup"])
    declined = suggest_correction(c_leader, candidate_a, world.c, section="position", label=f"Housing {marker}",
                                  value=f"Supports {marker}", source="Questionnaire", reason=None)
    decline_correction(world.facilitator, declined, expected_version=declined.version, note=f"not now {marker}")
    g["C_workgroup"].corrections.append(declined)

    # Tenant B's table: foreign to every A persona and to table_a's facilitator.
    candidate_b = g["B_all"].races[0].candidates[0]
    g["B_all"].candidates.append(candidate_b)
    b_facilitator = world.table_b.facilitator_assignment.user
    fact_b = _fact(world, g["B_all"], b_facilitator, candidate_b, "position", "Medicare for All")
    marker = world._marker(g["B_all"])
    g["B_all"].corrections.append(suggest_correction(
        world.personas["b_national_admin"], candidate_b, world.b, fact=fact_b, value=f"Opposes {marker}",
        source="Debate transcript", reason=f"heard {marker}"))


def _fact(world, group, facilitator, candidate, section, label):
    marker = world._marker(group)
    value = f"https://site.example/{marker}" if section == "link" else f"{label} text {marker}"
    fact = add_fact(facilitator, candidate, section=section, label=label, value=value,
                    source=f"Interview {marker}")
    group.facts.append(fact)
    return fact
