"""The demo's declarations as data: who declares what, where, and what happens
next (see portal/demo/declarations.py, which plays them through the real
operations). Every person and note is fictional."""
from __future__ import annotations

from dataclasses import dataclass, field

# ---------------------------------------------------------------------------
# People: one leader per organization that declares, one approver per national.
# The Working Families Network Missouri and St. Louis leaders and its approver
# are the demo personas; everyone else here has no password (they never sign in).
# ---------------------------------------------------------------------------

PERSONA_LEADERS = {"wfn-mo": "state_leader", "wfn-mo-st-louis": "local_leader"}

LEADERS: dict[str, str] = {
    # Working Families Network
    "wfn-ny": "Rosa Delgado-Martin", "wfn-ny-new-york": "Kwame Asante", "wfn-il": "Bridget Haley",
    "wfn-il-chicago": "Omar Shaheed", "wfn-pa-philadelphia": "Tanya Whitfield", "wfn-mi-detroit": "Darnell Brooks",
    "wfn-ga-atlanta": "Keandra Simmons", "wfn-wi": "Erik Solberg", "wfn-wi-milwaukee": "Maribel Ortega",
    "wfn-tx-houston": "Cedric Nwosu", "wfn-ca-los-angeles": "Lupe Navarro",
    # Climate Justice Action
    "climate-justice-action": "Hollis Greer", "cja-mo": "Nadia Petrakis", "cja-mo-st-louis": "Ben Oyelowo",
    "cja-ny": "Ruth Abramowitz", "cja-az": "Teresa Begay", "cja-az-phoenix": "Julio Cárdenas",
    "cja-mn": "Sigrid Nygaard", "cja-co-denver": "Avery Dunn",
    # United Service Workers Alliance
    "united-service-workers-alliance": "Frank DiMarco", "uswa-il": "Yolanda Banks", "uswa-il-chicago": "Raúl Medina",
    "uswa-pa": "Joe Kaminski", "uswa-pa-pittsburgh": "Denise Harlow", "uswa-mi": "Vernell Jackson",
    "uswa-oh-cleveland": "Stan Novak", "uswa-tx": "Graciela Ruiz", "uswa-tx-el-paso": "Héctor Saucedo",
    # Progressive Democrats Caucus
    "pdc-mo": "Janet Whitaker", "pdc-mo-kansas-city": "Andre Lewis", "pdc-tx": "Rebecca Salinas",
    "pdc-ga": "Terrence Hood",
    # Grassroots Majority PAC
    "grassroots-majority-pac": "Allison Park", "gmp-ny": "Devin Moskowitz",
    # Tenant Power Collective
    "tenant-power-collective": "Imani Clarke", "tpc-ny": "Shirley Wong", "tpc-ny-new-york": "Ramón Estrada",
    "tpc-il": "Katie Murphy", "tpc-ca": "Ana Villalobos", "tpc-ca-san-jose": "Minh Tran", "tpc-mn": "Abdi Warsame",
    # New American Voters League
    "navl-tx": "Lorena Garza", "navl-il": "Beatriz Solís", "navl-ca": "Daniel Hwang", "navl-az": "Marisol Tapia",
    # Generation Forward Action
    "gfa-pa": "Riley Chen", "gfa-mi": "Noor Saleh", "gfa-mi-ann-arbor": "Eli Goldberg", "gfa-wi": "Maya Schultz",
    "gfa-wi-madison": "Tou Yang",
    # Neighbors in Faith Network
    "neighbors-in-faith-network": "Samuel Ogden", "nif-ga": "Mae Carter", "nif-ga-atlanta": "Elijah Freeman",
    "nif-oh": "Margaret Stein",
}

# National staff who decide their affiliates' declarations. Working Families
# Network's approver is the demo persona, so the demo login has a real queue.
APPROVERS: dict[str, str] = {
    "climate-justice-action": "Fatima Rahman", "united-service-workers-alliance": "Gary Mendoza",
    "progressive-democrats-caucus": "Helen Brightwater", "grassroots-majority-pac": "Victor Lam",
    "tenant-power-collective": "Claudia Reyes", "new-american-voters-league": "Ricardo Aguilar",
    "generation-forward-action": "Jess Turner", "neighbors-in-faith-network": "Walter Simms",
}

# (national, level, kind, requires_approval, max_visibility)
POLICIES = [
    # Tenant unions move fast on city races: their affiliates' municipal pledges count at once.
    ("tenant-power-collective", "municipal", "pledge", False, "table"),
    # A PAC keeps its affiliates' federal endorsements between itself and the facilitator;
    # the national PAC announces federal endorsements itself.
    ("grassroots-majority-pac", "federal", "endorsement", True, "facilitator"),
]


# ---------------------------------------------------------------------------
# Declarations. `race` is "level:district" or "level:district@city". Days are
# counted back from the race's election date. `then` is what happens after the
# declaration: "approve", ("reject", reason), "withdraw", ("revise", changes);
# nothing means it still waits (or, for a national or a policy without
# approval, is already in force).
# ---------------------------------------------------------------------------

@dataclass
class Spec:
    key: str
    org: str
    race: str
    kind: str
    fields: dict
    candidate: str | None = None
    announced: int | None = None         # days before the election
    window: tuple[int, int] | None = None  # pledge: (first, last) days before the election
    share_in_days: int | None = None     # embargo: shared this many days from now
    then: tuple = field(default_factory=tuple)


def E(key, org, race, candidate, stance="endorsed", visibility="table", note=None, *, announced=None,
      share_in_days=None, then=("approve",)) -> Spec:
    return Spec(key, org, race, "endorsement", {"stance": stance, "visibility": visibility, "note": note},
                candidate=candidate, announced=announced, share_in_days=share_in_days, then=then)


def P(key, org, race, activity, quantity, unit, window, visibility="table", note=None, *, candidate=None,
      then=("approve",)) -> Spec:
    return Spec(key, org, race, "pledge", {"activity": activity, "quantity": quantity, "unit": unit,
                                           "visibility": visibility, "note": note},
                candidate=candidate, window=window, then=then)


NATIONAL = ()  # a national's own declaration, or one its policy lets through: in force at once

SPECS: list[Spec] = [
    # ===================== Federal: MO-01 (critical mass for Jamal Okoro) =====================
    E("demo-mo01-okoro-wfn-mo", "wfn-mo", "federal:MO-01", "Jamal Okoro", announced=120,
      note="Endorsed by the Missouri chapter board after two candidate forums in north St. Louis County. "
           "Jamal came up through the minimum-wage ballot campaign with us."),
    E("demo-mo01-okoro-cja-mo", "cja-mo", "federal:MO-01", "Jamal Okoro", announced=110,
      note="Members ranked Jamal first on flood buyouts and transit. Announced at our Tower Grove press event."),
    E("demo-mo01-okoro-pdc-mo", "pdc-mo", "federal:MO-01", "Jamal Okoro", announced=100,
      note="Executive committee vote, 9 to 1. He goes on our sample ballot for the August primary."),
    E("demo-mo01-okoro-tpc", "tenant-power-collective", "federal:MO-01", "Jamal Okoro", announced=95,
      note="National endorsement on the recommendation of the St. Louis tenant unions in Dutchtown and "
           "Tower Grove. Right to counsel is his first ask.", then=NATIONAL),
    E("demo-mo01-okoro-uswa", "united-service-workers-alliance", "federal:MO-01", "Jamal Okoro", announced=90,
      note="International executive board endorsement. Our hospital and airport members in the district "
           "asked for it.", then=NATIONAL),
    P("demo-mo01-textbank-wfn-mo", "wfn-mo", "federal:MO-01", "textbank", 40, "shifts", (42, 1),
      candidate="Jamal Okoro",
      note="Two-hour textbank shifts from the Missouri volunteer pool, Tuesday and Thursday evenings.",
      then=("approve", ("revise", {"quantity": 60, "note": "Two-hour textbank shifts, Tuesday and Thursday "
                                   "evenings. Up from 40 to 60 shifts: Kansas City volunteers offered to take "
                                   "St. Louis lists."}))),
    P("demo-mo01-doorknock-wfn-stl", "wfn-mo-st-louis", "federal:MO-01", "doorknock", 25, "volunteers", (28, 2),
      visibility="facilitator", candidate="Jamal Okoro",
      note="Weekend canvasses out of the Natural Bridge office, north city wards. 25 volunteers each weekend.",
      then=()),
    P("demo-mo01-kickoff-wfn-stl", "wfn-mo-st-louis", "federal:MO-01", "event", 1, "events", (35, 35),
      candidate="Jamal Okoro",
      note="Canvass kickoff in Fairground Park for all the backers' volunteers.", then=("withdraw",)),
    P("demo-mo01-doorknock-cja-stl", "cja-mo-st-louis", "federal:MO-01", "doorknock", 12, "shifts", (35, 2),
      candidate="Jamal Okoro",
      note="Three-hour Saturday shifts in Tower Grove South and Dutchtown. We share turf lists with the "
           "tenant unions."),
    P("demo-mo01-phonebank-pdc-mo", "pdc-mo", "federal:MO-01", "phonebank", 30, "shifts", (30, 1),
      visibility="facilitator", candidate="Jamal Okoro",
      note="Calls to past primary voters from the caucus list. Call results can go to the working group "
           "through the facilitator."),
    P("demo-mo01-townhalls-tpc", "tenant-power-collective", "federal:MO-01", "event", 2, "events", (45, 10),
      candidate="Jamal Okoro", note="Two tenant town halls, one in north city and one in south city. We book "
                                    "the rooms.", then=NATIONAL),
    P("demo-mo01-organizer-uswa", "united-service-workers-alliance", "federal:MO-01", "staff", 1, "fte", (56, 1),
      candidate="Jamal Okoro",
      note="One organizer on loan from the international for the last eight weeks, running member-to-member "
           "outreach in the district.", then=NATIONAL),
    E("demo-mo01-vukovich-wfn-stl", "wfn-mo-st-louis", "federal:MO-01", "Theresa Vukovich",
      note="Several St. Louis members know Theresa from the school board fight and asked us to back her.",
      then=(("reject", "The Missouri chapter already endorsed Jamal Okoro in MO-01, and we make one endorsement "
                       "per primary. Happy to find a volunteer role for the members who know Theresa."),)),

    # ===================== Federal: MO-05 (three backers; WFN's approval would make four) =====================
    E("demo-mo05-raghunathan-cja-mo", "cja-mo", "federal:MO-05", "Priya Raghunathan", announced=100,
      note="Priya's climate plan for the east side of Kansas City is the strongest in the field. "
           "Member poll: 82% in favor."),
    E("demo-mo05-raghunathan-pdc-kc", "pdc-mo-kansas-city", "federal:MO-05", "Priya Raghunathan", announced=90,
      note="Kansas City caucus endorsement, ratified by the state caucus."),
    E("demo-mo05-raghunathan-tpc", "tenant-power-collective", "federal:MO-05", "Priya Raghunathan", announced=85,
      note="Endorsed at the request of the Kansas City tenant union. Priya helped write the city's tenant "
           "bill of rights.", then=NATIONAL),
    E("demo-mo05-raghunathan-wfn-mo", "wfn-mo", "federal:MO-05", "Priya Raghunathan",
      note="Kansas City members voted 31 to 3 to endorse at the June membership meeting. Asking national to "
           "approve so we can join the working group.", then=()),
    P("demo-mo05-phonebank-pdc-kc", "pdc-mo-kansas-city", "federal:MO-05", "phonebank", 80, "hours", (35, 1),
      candidate="Priya Raghunathan", note="Weeknight phonebank at the Westport union hall."),

    # ===================== Federal: NY-13 (critical mass for Keisha Brathwaite) =====================
    E("demo-ny13-brathwaite-wfn-ny", "wfn-ny", "federal:NY-13", "Keisha Brathwaite", announced=110,
      note="Endorsed by the state committee. Keisha led the rent strike support work in Washington Heights."),
    E("demo-ny13-brathwaite-tpc-ny", "tpc-ny", "federal:NY-13", "Keisha Brathwaite", announced=105,
      note="Nominated by our Upper Manhattan and Bronx tenant associations. Good-cause eviction is her platform."),
    E("demo-ny13-brathwaite-cja-ny", "cja-ny", "federal:NY-13", "Keisha Brathwaite", announced=100,
      note="Endorsed for her work on the bus depot electrification fight in Harlem."),
    E("demo-ny13-brathwaite-gmp", "grassroots-majority-pac", "federal:NY-13", "Keisha Brathwaite", announced=90,
      note="PAC board endorsement. Independent expenditures are decided separately and are not discussed "
           "at the table.", then=NATIONAL),
    E("demo-ny13-brathwaite-gmp-ny", "gmp-ny", "federal:NY-13", "Keisha Brathwaite", visibility="facilitator",
      announced=90, note="State committee recommendation, forwarded to national. Shared with the facilitator "
                         "only, per our PAC's policy."),
    P("demo-ny13-phonebank-wfn-nyc", "wfn-ny-new-york", "federal:NY-13", "phonebank", 45, "shifts", (35, 1),
      candidate="Keisha Brathwaite", note="Evening phonebanks at our 125th Street office, Monday to Thursday."),
    P("demo-ny13-doorknock-tpc-nyc", "tpc-ny-new-york", "federal:NY-13", "doorknock", 40, "volunteers", (21, 1),
      candidate="Keisha Brathwaite",
      note="Building-by-building canvass: members knock their own buildings first, then the block."),
    P("demo-ny13-textbank-cja-ny", "cja-ny", "federal:NY-13", "textbank", 20, "shifts", (28, 1),
      visibility="own", candidate="Keisha Brathwaite",
      note="To our own members' list for now. We will share it once the working group meets."),

    # ===================== Federal: IL-07 (critical mass for Simone Adebayo) =====================
    E("demo-il07-adebayo-wfn-il", "wfn-il", "federal:IL-07", "Simone Adebayo", announced=120,
      note="Endorsed after the West Side candidate forum. Simone chaired the Austin community coalition "
           "for six years."),
    E("demo-il07-adebayo-uswa-il", "uswa-il", "federal:IL-07", "Simone Adebayo", announced=110,
      note="Illinois Council endorsement. Home care and hospital members in Austin and North Lawndale "
           "asked for her."),
    E("demo-il07-adebayo-tpc-il", "tpc-il", "federal:IL-07", "Simone Adebayo", announced=100,
      note="Endorsed on the recommendation of our Chicago organizers. She supports lifting the state ban on "
           "rent control."),
    E("demo-il07-adebayo-navl-il", "navl-il", "federal:IL-07", "Simone Adebayo", announced=95,
      note="Endorsed for her work with immigrant families on the West Side. Spanish-language outreach is "
           "our part."),
    P("demo-il07-organizers-uswa-chi", "uswa-il-chicago", "federal:IL-07", "staff", 2, "fte", (60, 1),
      candidate="Simone Adebayo",
      note="Two member organizers released from work for the last two months, for worksite outreach."),
    P("demo-il07-doorknock-wfn-chi", "wfn-il-chicago", "federal:IL-07", "doorknock", 60, "shifts", (28, 1),
      candidate="Simone Adebayo", note="Saturday and Sunday canvasses from the Austin field office."),
    P("demo-il07-phonebank-navl-il", "navl-il", "federal:IL-07", "phonebank", 30, "shifts", (30, 1),
      visibility="facilitator", candidate="Simone Adebayo",
      note="Spanish-language phonebank to newly naturalized voters on our list."),
    E("demo-il09-mehta-uswa-il", "uswa-il", "federal:IL-09", "Kabir Mehta", stance="not_endorsing",
      announced=70, note="Screened both challengers and the incumbent. No endorsement in IL-09 this cycle; "
                         "members are free to volunteer on their own."),

    # ===================== Federal: TX-18 (critical mass; a withdrawn stance) =====================
    E("demo-tx18-chukwu-navl-tx", "navl-tx", "federal:TX-18", "Andre Chukwu", announced=110,
      note="Endorsed for his citizenship clinic work in Alief.",
      then=("approve", ("revise", {"stance": "withdrawn", "note": "Andre left the race and asked his "
                                   "supporters to back Latrice Gaines-Hollis. Withdrawing our endorsement."}),
            "approve")),
    E("demo-tx18-gaineshollis-navl-tx", "navl-tx", "federal:TX-18", "Latrice Gaines-Hollis", announced=40,
      note="Endorsed after Andre Chukwu withdrew. Our Houston members followed him to Latrice."),
    E("demo-tx18-gaineshollis-uswa-tx", "uswa-tx", "federal:TX-18", "Latrice Gaines-Hollis", announced=100,
      note="Texas Council endorsement. Latrice is a former hospital worker and a member in good standing."),
    E("demo-tx18-gaineshollis-pdc-tx", "pdc-tx", "federal:TX-18", "Latrice Gaines-Hollis", announced=95,
      note="Endorsed by the caucus's Harris County delegates."),
    E("demo-tx18-gaineshollis-gmp", "grassroots-majority-pac", "federal:TX-18", "Latrice Gaines-Hollis",
      announced=80, note="PAC board endorsement.", then=NATIONAL),
    E("demo-tx18-gaineshollis-wfn-hou", "wfn-tx-houston", "federal:TX-18", "Latrice Gaines-Hollis", announced=90,
      note="Houston chapter endorsement after our candidate forum in Third Ward."),
    P("demo-tx18-blockwalk-wfn-hou", "wfn-tx-houston", "federal:TX-18", "doorknock", 30, "volunteers", (21, 1),
      candidate="Latrice Gaines-Hollis",
      note="Blockwalks from Third Ward and Sunnyside staging spots through early voting."),
    P("demo-tx18-phonebank-uswa-tx", "uswa-tx", "federal:TX-18", "phonebank", 50, "shifts", (30, 1),
      candidate="Latrice Gaines-Hollis", note="Member-to-member calls from the Texas Council's Houston hall."),
    E("demo-tx16-bermea-uswa-ep", "uswa-tx-el-paso", "federal:TX-16", "Ignacio Bermea",
      note="El Paso local members voted to back Ignacio at the last membership meeting.",
      then=(("reject", "The international endorses only after the Texas Council screens a race, and TX-16 "
                       "has not been screened yet. Please resubmit after the council's candidate screening."),)),

    # ===================== Federal: PA-03 (critical mass for Amara Diallo) =====================
    E("demo-pa03-diallo-wfn-phl", "wfn-pa-philadelphia", "federal:PA-03", "Amara Diallo", announced=100,
      note="Philadelphia chapter endorsement. Amara organized the school repair campaign in West Philly."),
    E("demo-pa03-diallo-uswa-pa", "uswa-pa", "federal:PA-03", "Amara Diallo", announced=95,
      note="Pennsylvania Council endorsement, with strong support from our hospital and airport members."),
    E("demo-pa03-diallo-gfa-pa", "gfa-pa", "federal:PA-03", "Amara Diallo", announced=90,
      note="Our student chapters at three campuses voted to endorse. Youth turnout is the plan."),
    E("demo-pa03-diallo-tpc", "tenant-power-collective", "federal:PA-03", "Amara Diallo", announced=85,
      note="National endorsement, recommended by Philadelphia tenant organizers.", then=NATIONAL),
    P("demo-pa03-textbank-gfa-pa", "gfa-pa", "federal:PA-03", "textbank", 60, "shifts", (42, 1),
      candidate="Amara Diallo", note="Campus textbanks in two-hour shifts, heaviest in the last three weeks."),
    P("demo-pa03-phonebank-uswa-pgh", "uswa-pa-pittsburgh", "federal:PA-03", "phonebank", 20, "shifts", (21, 1),
      visibility="facilitator", candidate="Amara Diallo",
      note="Pittsburgh members offered to phonebank into Philadelphia for the last three weeks.", then=()),
    P("demo-pa03-doorknock-wfn-phl", "wfn-pa-philadelphia", "federal:PA-03", "doorknock", 50, "shifts", (28, 1),
      candidate="Amara Diallo", note="Weekend canvasses in West and Southwest Philadelphia."),

    # ===================== Federal: MI-13 (critical mass for Yousef Alkhatib) =====================
    E("demo-mi13-alkhatib-wfn-det", "wfn-mi-detroit", "federal:MI-13", "Yousef Alkhatib", announced=90,
      note="Detroit chapter endorsement. Yousef led the water shutoff fight in southwest Detroit."),
    E("demo-mi13-alkhatib-uswa-mi", "uswa-mi", "federal:MI-13", "Yousef Alkhatib", announced=85,
      note="Michigan Council endorsement."),
    E("demo-mi13-alkhatib-gfa-mi", "gfa-mi", "federal:MI-13", "Yousef Alkhatib", announced=80,
      note="Endorsed by our Wayne State and Dearborn campus chapters."),
    E("demo-mi13-alkhatib-cja", "climate-justice-action", "federal:MI-13", "Yousef Alkhatib", announced=75,
      note="National endorsement. Yousef has led the fight against the refinery expansion in 48217.",
      then=NATIONAL),
    P("demo-mi13-doorknock-wfn-det", "wfn-mi-detroit", "federal:MI-13", "doorknock", 40, "volunteers", (28, 1),
      candidate="Yousef Alkhatib", note="Saturday canvasses from the Vernor Highway office."),
    P("demo-mi13-digital-gfa-mi", "gfa-mi", "federal:MI-13", "digital", 120, "hours", (42, 1),
      candidate="Yousef Alkhatib", note="Short videos and peer-to-peer sharing by student volunteers."),

    # ===================== Federal: two or three backers =====================
    E("demo-ga13-calloway-wfn-atl", "wfn-ga-atlanta", "federal:GA-13", "Ebony Calloway", announced=90,
      note="Atlanta chapter endorsement after the Clayton County forum."),
    E("demo-ga13-calloway-pdc-ga", "pdc-ga", "federal:GA-13", "Ebony Calloway", announced=85,
      note="State caucus endorsement."),
    E("demo-ga13-calloway-nif-atl", "nif-ga-atlanta", "federal:GA-13", "Ebony Calloway", visibility="facilitator",
      announced=80, note="Our congregations endorse as a network. Please keep this with the facilitator until "
                         "the clergy letter goes out."),
    P("demo-ga13-sunday-events-nif-atl", "nif-ga-atlanta", "federal:GA-13", "event", 3, "events", (35, 3),
      visibility="facilitator", candidate="Ebony Calloway",
      note="Three Sunday events after services during early voting, hosted by member congregations."),
    E("demo-ca37-tellez-navl-ca", "navl-ca", "federal:CA-37", "Rodrigo Téllez", announced=100,
      note="Endorsed by the California board. Rodrigo ran the naturalization drive in South LA."),
    E("demo-ca37-tellez-tpc-ca", "tpc-ca", "federal:CA-37", "Rodrigo Téllez", announced=95,
      note="Los Angeles tenant unions asked for this endorsement."),
    E("demo-ca37-tellez-wfn-la", "wfn-ca-los-angeles", "federal:CA-37", "Rodrigo Téllez", stance="considering",
      visibility="facilitator", note="Screening both the incumbent and Rodrigo. Decision at the next chapter "
                                     "meeting."),
    E("demo-wi04-rhodesbell-wfn-mke", "wfn-wi-milwaukee", "federal:WI-04", "Tamika Rhodes-Bell", announced=90,
      note="Milwaukee chapter endorsement."),
    E("demo-wi04-rhodesbell-gfa-wi", "gfa-wi", "federal:WI-04", "Tamika Rhodes-Bell", announced=80,
      note="Endorsed by the UW-Milwaukee and MATC chapters."),
    E("demo-az07-ocampo-navl-az", "navl-az", "federal:AZ-07", "Lucía Ocampo", announced=100,
      note="Arizona board endorsement. Lucía founded the Maryvale voter registration project."),
    E("demo-az07-ocampo-cja-az", "cja-az", "federal:AZ-07", "Lucía Ocampo", announced=90,
      note="Endorsed for her work on extreme heat protections for outdoor workers."),
    P("demo-az07-doorknock-cja-phx", "cja-az-phoenix", "federal:AZ-07", "doorknock", 30, "shifts", (28, 1),
      candidate="Lucía Ocampo", note="Early morning canvass shifts in west Phoenix.",
      then=("approve", ("revise", {"quantity": 45, "note": "Early morning canvass shifts in west Phoenix, 6 to 9 "
                                   "am only because of the heat. Up from 30 to 45 shifts now that the shifts are "
                                   "shorter."}), "approve")),
    E("demo-oh11-albright-uswa-cle", "uswa-oh-cleveland", "federal:OH-11", "DeShawn Albright", announced=90,
      note="Cleveland local endorsement, ratified by the Ohio Council."),
    E("demo-oh11-albright-nif-oh", "nif-oh", "federal:OH-11", "DeShawn Albright", announced=85,
      note="Endorsed by our Cleveland-area congregations."),

    # ===================== Federal: considering =====================
    E("demo-mn05-guleid-cja-mn", "cja-mn", "federal:MN-05", "Fadumo Guleid", stance="considering",
      visibility="facilitator", note="Questionnaire returned. Member interview scheduled in Minneapolis."),
    E("demo-mn05-guleid-tpc-mn", "tpc-mn", "federal:MN-05", "Fadumo Guleid", stance="considering",
      note="Cedar-Riverside tenant leaders are meeting her next month."),
    E("demo-co01-holcomb-cja-den", "cja-co-denver", "federal:CO-01", "Maren Holcomb", stance="considering",
      visibility="own", note="Denver members want to endorse Maren. Asking national whether we can go ahead "
                             "before the state chapter decides.", then=()),
    E("demo-ny10-cordero-tpc-ny", "tpc-ny", "federal:NY-10", "Yesenia Cordero", stance="considering",
      visibility="own", note="Internal only: our Chinatown and Sunset Park tenant associations are split. "
                             "Revisit after the questionnaire."),

    # ===================== State legislative table =====================
    E("demo-mosd04-ogunleye-wfn-stl", "wfn-mo-st-louis", "state_legislative:MO-SD-04", "Curtis Ogunleye",
      note="St. Louis members voted to back Curtis. He has been at every north city canvass with us this "
           "spring.", then=()),
    E("demo-mosd04-ogunleye-cja-stl", "cja-mo-st-louis", "state_legislative:MO-SD-04", "Curtis Ogunleye",
      announced=70, note="Endorsed for his lead-pipe replacement bill."),
    E("demo-mosd04-ogunleye-pdc-mo", "pdc-mo", "state_legislative:MO-SD-04", "Curtis Ogunleye", announced=65,
      note="Caucus endorsement."),
    E("demo-nyad36-papadakis-tpc-nyc", "tpc-ny-new-york", "state_legislative:NY-AD-36", "Chloe Papadakis",
      announced=90, note="Nominated by the Astoria tenant associations."),
    E("demo-nyad36-papadakis-wfn-nyc", "wfn-ny-new-york", "state_legislative:NY-AD-36", "Chloe Papadakis",
      announced=85, note="New York City chapter endorsement."),
    E("demo-nyad36-papadakis-cja-ny", "cja-ny", "state_legislative:NY-AD-36", "Chloe Papadakis", announced=80,
      note="Endorsed for her stand against the Astoria peaker plant."),
    E("demo-nyad36-papadakis-nif", "neighbors-in-faith-network", "state_legislative:NY-AD-36", "Chloe Papadakis",
      announced=75, note="Endorsed on the recommendation of our Queens congregations.", then=NATIONAL),
    P("demo-nyad36-doorknock-tpc-nyc", "tpc-ny-new-york", "state_legislative:NY-AD-36", "doorknock", 30, "shifts",
      (28, 1), candidate="Chloe Papadakis", note="Building canvasses in Astoria Houses and along 31st Street."),
    E("demo-mihd04-washingtonruiz-wfn-det", "wfn-mi-detroit", "state_legislative:MI-HD-04",
      "Amani Washington-Ruiz", announced=70, note="Detroit chapter endorsement in the open seat."),
    E("demo-mihd04-washingtonruiz-gfa-mi", "gfa-mi", "state_legislative:MI-HD-04", "Amani Washington-Ruiz",
      announced=60, note="Endorsed by our Wayne State chapter."),
    E("demo-wisd26-lor-gfa-mad", "gfa-wi-madison", "state_legislative:WI-SD-26", "Xai Lor", announced=75,
      note="Madison campus chapters endorse Xai in the open seat."),
    E("demo-wisd26-lor-wfn-wi", "wfn-wi", "state_legislative:WI-SD-26", "Xai Lor", stance="considering",
      visibility="facilitator", note="Interviewing both candidates in the open seat."),
    E("demo-pahd188-marchese-uswa-pa", "uswa-pa", "state_legislative:PA-HD-188", "Sofia Marchese", announced=60,
      note="Pennsylvania Council endorsement."),
    E("demo-pahd188-marchese-gfa-pa", "gfa-pa", "state_legislative:PA-HD-188", "Sofia Marchese", announced=55,
      note="Penn and Drexel chapters endorse."),

    # ===================== Municipal table =====================
    E("demo-chi-mayor-fajardo-wfn-chi", "wfn-il-chicago", "municipal:Citywide@Chicago", "Lourdes Fajardo",
      share_in_days=21,
      note="Embargoed until the joint announcement with the other Chicago backers. It shares with the table "
           "on its own then."),
    E("demo-chi-mayor-fajardo-navl-il", "navl-il", "municipal:Citywide@Chicago", "Lourdes Fajardo", announced=120,
      note="Endorsed. She built the city's first office for new Americans."),
    E("demo-chi-mayor-fajardo-tpc-il", "tpc-il", "municipal:Citywide@Chicago", "Lourdes Fajardo",
      stance="considering", visibility="facilitator", note="Waiting on her answer about the rent control "
                                                           "ordinance."),
    E("demo-la-cd10-quiroga-tpc-ca", "tpc-ca", "municipal:Los Angeles Council District 10@Los Angeles",
      "Esperanza Quiroga", announced=90, note="Endorsed by the Los Angeles tenant unions."),
    E("demo-la-cd10-quiroga-navl-ca", "navl-ca", "municipal:Los Angeles Council District 10@Los Angeles",
      "Esperanza Quiroga", announced=85, note="California board endorsement."),
    E("demo-la-cd10-quiroga-wfn-la", "wfn-ca-los-angeles", "municipal:Los Angeles Council District 10@Los Angeles",
      "Esperanza Quiroga", announced=80, note="Los Angeles chapter endorsement."),
    P("demo-la-cd10-forums-tpc-ca", "tpc-ca", "municipal:Los Angeles Council District 10@Los Angeles", "event",
      2, "events", (40, 10), candidate="Esperanza Quiroga",
      note="Two tenant forums in Koreatown and West Adams.", then=NATIONAL),
    E("demo-sj-d6-amador-tpc-sj", "tpc-ca-san-jose", "municipal:San Jose Council District 6@San Jose",
      "Priscilla Amador", announced=75, note="San Jose tenant union endorsement."),
    P("demo-sj-d6-doorknock-tpc-sj", "tpc-ca-san-jose", "municipal:San Jose Council District 6@San Jose",
      "doorknock", 20, "volunteers", (30, 1), candidate="Priscilla Amador",
      note="Weekend canvasses in the Willow Glen apartment corridor.", then=NATIONAL),
    E("demo-a2-w1-qureshi-gfa-a2", "gfa-mi-ann-arbor", "municipal:Ann Arbor Ward 1@Ann Arbor", "Farah Qureshi",
      visibility="facilitator", announced=60, note="Campus chapter endorsement."),
    E("demo-phx-d7-tafoya-cja-phx", "cja-az-phoenix", "municipal:Phoenix Council District 7@Phoenix",
      "Marisela Tafoya", announced=80, note="Endorsed for her cool corridors and shade tree plan."),
    E("demo-phx-d7-tafoya-navl-az", "navl-az", "municipal:Phoenix Council District 7@Phoenix", "Marisela Tafoya",
      announced=75, note="Arizona board endorsement."),
    E("demo-stl-w8-pruitthaas-wfn-stl", "wfn-mo-st-louis", "municipal:St. Louis Ward 8@St. Louis",
      "Daniel Pruitt-Haas", stance="considering", visibility="own",
      note="Ward 8 members are meeting Daniel in January before we decide."),
]
