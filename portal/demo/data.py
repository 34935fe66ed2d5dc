"""Demo data for the coalition table portal: fictional national organizations,
their state and local affiliates, 2026 races at the three tables, and the demo
logins. Pure data, no logic.

Every organization and every person here is fictional; every e-mail domain is
under the reserved .example TLD (RFC 2606). States, cities and district
numbers are real. Primary dates are the scheduled 2026 dates by state (Arizona's
moved July date and Massachusetts' September date are the least certain).

Municipal races: most big cities do not elect in 2026. The 2026 contests below
are in cities that do (Los Angeles, San Diego, San Jose, Sacramento, Long Beach,
Phoenix, Ann Arbor, Athens-Clarke). Chicago, St. Louis, Philadelphia and Denver
next elect in spring 2027; their rows carry those 2027 dates and are included
because endorsement work for them happens during 2026.
"""
from __future__ import annotations

# ---------------------------------------------------------------------------
# Nationals
# ---------------------------------------------------------------------------

NATIONALS: list[dict] = [
    {"slug": "working-families-network", "name": "Working Families Network", "legal_status": "501c4", "domain": "wfnetwork.example"},
    {"slug": "climate-justice-action", "name": "Climate Justice Action", "legal_status": "501c4", "domain": "climatejusticeaction.example"},
    {"slug": "united-service-workers-alliance", "name": "United Service Workers Alliance", "legal_status": "union", "domain": "serviceworkersalliance.example"},
    {"slug": "progressive-democrats-caucus", "name": "Progressive Democrats Caucus", "legal_status": "party", "domain": "progdemcaucus.example"},
    {"slug": "grassroots-majority-pac", "name": "Grassroots Majority PAC", "legal_status": "pac", "domain": "grassrootsmajority.example"},
    {"slug": "tenant-power-collective", "name": "Tenant Power Collective", "legal_status": "501c4", "domain": "tenantpower.example"},
    {"slug": "civic-futures-education-fund", "name": "Civic Futures Education Fund", "legal_status": "501c3", "domain": "civicfutures.example"},
    {"slug": "new-american-voters-league", "name": "New American Voters League", "legal_status": "501c4", "domain": "newamericanvoters.example"},
    {"slug": "generation-forward-action", "name": "Generation Forward Action", "legal_status": "501c4", "domain": "genforwardaction.example"},
    {"slug": "neighbors-in-faith-network", "name": "Neighbors in Faith Network", "legal_status": "other", "domain": "neighborsinfaith.example"},
]

# ---------------------------------------------------------------------------
# State affiliates
# ---------------------------------------------------------------------------

STATE_AFFILIATES: list[dict] = [
    # Working Families Network (8)
    {"national": "working-families-network", "state": "MO", "name": "Working Families Network Missouri", "slug": "wfn-mo"},
    {"national": "working-families-network", "state": "NY", "name": "Working Families Network New York", "slug": "wfn-ny"},
    {"national": "working-families-network", "state": "CA", "name": "Working Families Network California", "slug": "wfn-ca"},
    {"national": "working-families-network", "state": "IL", "name": "Working Families Network Illinois", "slug": "wfn-il"},
    {"national": "working-families-network", "state": "PA", "name": "Working Families Network Pennsylvania", "slug": "wfn-pa"},
    {"national": "working-families-network", "state": "MI", "name": "Working Families Network Michigan", "slug": "wfn-mi"},
    {"national": "working-families-network", "state": "GA", "name": "Working Families Network Georgia", "slug": "wfn-ga"},
    {"national": "working-families-network", "state": "WI", "name": "Working Families Network Wisconsin", "slug": "wfn-wi"},
    # Climate Justice Action (6)
    {"national": "climate-justice-action", "state": "MO", "name": "Climate Justice Action Missouri", "slug": "cja-mo"},
    {"national": "climate-justice-action", "state": "CA", "name": "Climate Justice Action California", "slug": "cja-ca"},
    {"national": "climate-justice-action", "state": "CO", "name": "Climate Justice Action Colorado", "slug": "cja-co"},
    {"national": "climate-justice-action", "state": "AZ", "name": "Climate Justice Action Arizona", "slug": "cja-az"},
    {"national": "climate-justice-action", "state": "MN", "name": "Climate Justice Action Minnesota", "slug": "cja-mn"},
    {"national": "climate-justice-action", "state": "NY", "name": "Climate Justice Action New York", "slug": "cja-ny"},
    # United Service Workers Alliance (5)
    {"national": "united-service-workers-alliance", "state": "IL", "name": "United Service Workers Alliance Illinois Council", "slug": "uswa-il"},
    {"national": "united-service-workers-alliance", "state": "PA", "name": "United Service Workers Alliance Pennsylvania Council", "slug": "uswa-pa"},
    {"national": "united-service-workers-alliance", "state": "MI", "name": "United Service Workers Alliance Michigan Council", "slug": "uswa-mi"},
    {"national": "united-service-workers-alliance", "state": "OH", "name": "United Service Workers Alliance Ohio Council", "slug": "uswa-oh"},
    {"national": "united-service-workers-alliance", "state": "TX", "name": "United Service Workers Alliance Texas Council", "slug": "uswa-tx"},
    # Progressive Democrats Caucus (5)
    {"national": "progressive-democrats-caucus", "state": "MO", "name": "Progressive Democrats Caucus of Missouri", "slug": "pdc-mo"},
    {"national": "progressive-democrats-caucus", "state": "TX", "name": "Progressive Democrats Caucus of Texas", "slug": "pdc-tx"},
    {"national": "progressive-democrats-caucus", "state": "NC", "name": "Progressive Democrats Caucus of North Carolina", "slug": "pdc-nc"},
    {"national": "progressive-democrats-caucus", "state": "GA", "name": "Progressive Democrats Caucus of Georgia", "slug": "pdc-ga"},
    {"national": "progressive-democrats-caucus", "state": "MA", "name": "Progressive Democrats Caucus of Massachusetts", "slug": "pdc-ma"},
    # Grassroots Majority PAC (3)
    {"national": "grassroots-majority-pac", "state": "NY", "name": "Grassroots Majority PAC New York", "slug": "gmp-ny"},
    {"national": "grassroots-majority-pac", "state": "CA", "name": "Grassroots Majority PAC California", "slug": "gmp-ca"},
    {"national": "grassroots-majority-pac", "state": "TX", "name": "Grassroots Majority PAC Texas", "slug": "gmp-tx"},
    # Tenant Power Collective (4)
    {"national": "tenant-power-collective", "state": "NY", "name": "Tenant Power Collective New York", "slug": "tpc-ny"},
    {"national": "tenant-power-collective", "state": "CA", "name": "Tenant Power Collective California", "slug": "tpc-ca"},
    {"national": "tenant-power-collective", "state": "IL", "name": "Tenant Power Collective Illinois", "slug": "tpc-il"},
    {"national": "tenant-power-collective", "state": "MN", "name": "Tenant Power Collective Minnesota", "slug": "tpc-mn"},
    # Civic Futures Education Fund (3)
    {"national": "civic-futures-education-fund", "state": "GA", "name": "Civic Futures Georgia", "slug": "cfef-ga"},
    {"national": "civic-futures-education-fund", "state": "NC", "name": "Civic Futures North Carolina", "slug": "cfef-nc"},
    {"national": "civic-futures-education-fund", "state": "AZ", "name": "Civic Futures Arizona", "slug": "cfef-az"},
    # New American Voters League (4)
    {"national": "new-american-voters-league", "state": "TX", "name": "New American Voters League Texas", "slug": "navl-tx"},
    {"national": "new-american-voters-league", "state": "AZ", "name": "New American Voters League Arizona", "slug": "navl-az"},
    {"national": "new-american-voters-league", "state": "CA", "name": "New American Voters League California", "slug": "navl-ca"},
    {"national": "new-american-voters-league", "state": "IL", "name": "New American Voters League Illinois", "slug": "navl-il"},
    # Generation Forward Action (4)
    {"national": "generation-forward-action", "state": "WI", "name": "Generation Forward Wisconsin", "slug": "gfa-wi"},
    {"national": "generation-forward-action", "state": "MI", "name": "Generation Forward Michigan", "slug": "gfa-mi"},
    {"national": "generation-forward-action", "state": "PA", "name": "Generation Forward Pennsylvania", "slug": "gfa-pa"},
    {"national": "generation-forward-action", "state": "NC", "name": "Generation Forward North Carolina", "slug": "gfa-nc"},
    # Neighbors in Faith Network (3)
    {"national": "neighbors-in-faith-network", "state": "OH", "name": "Neighbors in Faith Ohio", "slug": "nif-oh"},
    {"national": "neighbors-in-faith-network", "state": "GA", "name": "Neighbors in Faith Georgia", "slug": "nif-ga"},
    {"national": "neighbors-in-faith-network", "state": "MA", "name": "Neighbors in Faith Massachusetts", "slug": "nif-ma"},
]

# ---------------------------------------------------------------------------
# Local affiliates ("parent" is a state affiliate slug, or the national's own
# slug for the few locals that hang directly under their national)
# ---------------------------------------------------------------------------

LOCAL_AFFILIATES: list[dict] = [
    # Working Families Network (12)
    {"national": "working-families-network", "parent": "wfn-mo", "city": "St. Louis", "state": "MO", "name": "Working Families Network St. Louis", "slug": "wfn-mo-st-louis"},
    {"national": "working-families-network", "parent": "wfn-mo", "city": "Kansas City", "state": "MO", "name": "Working Families Network Kansas City", "slug": "wfn-mo-kansas-city"},
    {"national": "working-families-network", "parent": "wfn-ny", "city": "New York", "state": "NY", "name": "Working Families Network New York City", "slug": "wfn-ny-new-york"},
    {"national": "working-families-network", "parent": "wfn-ny", "city": "Buffalo", "state": "NY", "name": "Working Families Network Buffalo", "slug": "wfn-ny-buffalo"},
    {"national": "working-families-network", "parent": "wfn-ca", "city": "Los Angeles", "state": "CA", "name": "Working Families Network Los Angeles", "slug": "wfn-ca-los-angeles"},
    {"national": "working-families-network", "parent": "wfn-il", "city": "Chicago", "state": "IL", "name": "Working Families Network Chicago", "slug": "wfn-il-chicago"},
    {"national": "working-families-network", "parent": "wfn-pa", "city": "Philadelphia", "state": "PA", "name": "Working Families Network Philadelphia", "slug": "wfn-pa-philadelphia"},
    {"national": "working-families-network", "parent": "wfn-mi", "city": "Detroit", "state": "MI", "name": "Working Families Network Detroit", "slug": "wfn-mi-detroit"},
    {"national": "working-families-network", "parent": "wfn-ga", "city": "Atlanta", "state": "GA", "name": "Working Families Network Atlanta", "slug": "wfn-ga-atlanta"},
    {"national": "working-families-network", "parent": "wfn-wi", "city": "Milwaukee", "state": "WI", "name": "Working Families Network Milwaukee", "slug": "wfn-wi-milwaukee"},
    {"national": "working-families-network", "parent": "working-families-network", "city": "Houston", "state": "TX", "name": "Working Families Network Houston", "slug": "wfn-tx-houston"},
    {"national": "working-families-network", "parent": "working-families-network", "city": "Denver", "state": "CO", "name": "Working Families Network Denver", "slug": "wfn-co-denver"},
    # Climate Justice Action (9)
    {"national": "climate-justice-action", "parent": "cja-mo", "city": "St. Louis", "state": "MO", "name": "Climate Justice Action St. Louis", "slug": "cja-mo-st-louis"},
    {"national": "climate-justice-action", "parent": "cja-ca", "city": "Oakland", "state": "CA", "name": "Climate Justice Action Oakland", "slug": "cja-ca-oakland"},
    {"national": "climate-justice-action", "parent": "cja-ca", "city": "San Diego", "state": "CA", "name": "Climate Justice Action San Diego", "slug": "cja-ca-san-diego"},
    {"national": "climate-justice-action", "parent": "cja-co", "city": "Denver", "state": "CO", "name": "Climate Justice Action Denver", "slug": "cja-co-denver"},
    {"national": "climate-justice-action", "parent": "cja-co", "city": "Boulder", "state": "CO", "name": "Climate Justice Action Boulder", "slug": "cja-co-boulder"},
    {"national": "climate-justice-action", "parent": "cja-az", "city": "Phoenix", "state": "AZ", "name": "Climate Justice Action Phoenix", "slug": "cja-az-phoenix"},
    {"national": "climate-justice-action", "parent": "cja-mn", "city": "Minneapolis", "state": "MN", "name": "Climate Justice Action Minneapolis", "slug": "cja-mn-minneapolis"},
    {"national": "climate-justice-action", "parent": "cja-ny", "city": "Ithaca", "state": "NY", "name": "Climate Justice Action Ithaca", "slug": "cja-ny-ithaca"},
    {"national": "climate-justice-action", "parent": "climate-justice-action", "city": "Asheville", "state": "NC", "name": "Climate Justice Action Asheville", "slug": "cja-nc-asheville"},
    # United Service Workers Alliance (7)
    {"national": "united-service-workers-alliance", "parent": "uswa-il", "city": "Chicago", "state": "IL", "name": "United Service Workers Alliance Chicago Local", "slug": "uswa-il-chicago"},
    {"national": "united-service-workers-alliance", "parent": "uswa-pa", "city": "Pittsburgh", "state": "PA", "name": "United Service Workers Alliance Pittsburgh Local", "slug": "uswa-pa-pittsburgh"},
    {"national": "united-service-workers-alliance", "parent": "uswa-pa", "city": "Erie", "state": "PA", "name": "United Service Workers Alliance Erie Local", "slug": "uswa-pa-erie"},
    {"national": "united-service-workers-alliance", "parent": "uswa-mi", "city": "Flint", "state": "MI", "name": "United Service Workers Alliance Flint Local", "slug": "uswa-mi-flint"},
    {"national": "united-service-workers-alliance", "parent": "uswa-oh", "city": "Cleveland", "state": "OH", "name": "United Service Workers Alliance Cleveland Local", "slug": "uswa-oh-cleveland"},
    {"national": "united-service-workers-alliance", "parent": "uswa-oh", "city": "Toledo", "state": "OH", "name": "United Service Workers Alliance Toledo Local", "slug": "uswa-oh-toledo"},
    {"national": "united-service-workers-alliance", "parent": "uswa-tx", "city": "El Paso", "state": "TX", "name": "United Service Workers Alliance El Paso Local", "slug": "uswa-tx-el-paso"},
    # Progressive Democrats Caucus (7)
    {"national": "progressive-democrats-caucus", "parent": "pdc-mo", "city": "Kansas City", "state": "MO", "name": "Progressive Democrats Caucus of Kansas City", "slug": "pdc-mo-kansas-city"},
    {"national": "progressive-democrats-caucus", "parent": "pdc-mo", "city": "Springfield", "state": "MO", "name": "Progressive Democrats Caucus of Springfield", "slug": "pdc-mo-springfield"},
    {"national": "progressive-democrats-caucus", "parent": "pdc-tx", "city": "Austin", "state": "TX", "name": "Progressive Democrats Caucus of Austin", "slug": "pdc-tx-austin"},
    {"national": "progressive-democrats-caucus", "parent": "pdc-nc", "city": "Durham", "state": "NC", "name": "Progressive Democrats Caucus of Durham", "slug": "pdc-nc-durham"},
    {"national": "progressive-democrats-caucus", "parent": "pdc-nc", "city": "Charlotte", "state": "NC", "name": "Progressive Democrats Caucus of Charlotte", "slug": "pdc-nc-charlotte"},
    {"national": "progressive-democrats-caucus", "parent": "pdc-ga", "city": "Savannah", "state": "GA", "name": "Progressive Democrats Caucus of Savannah", "slug": "pdc-ga-savannah"},
    {"national": "progressive-democrats-caucus", "parent": "pdc-ma", "city": "Boston", "state": "MA", "name": "Progressive Democrats Caucus of Boston", "slug": "pdc-ma-boston"},
    # Grassroots Majority PAC (2)
    {"national": "grassroots-majority-pac", "parent": "gmp-ny", "city": "Rochester", "state": "NY", "name": "Grassroots Majority PAC Rochester", "slug": "gmp-ny-rochester"},
    {"national": "grassroots-majority-pac", "parent": "gmp-ca", "city": "Fresno", "state": "CA", "name": "Grassroots Majority PAC Fresno", "slug": "gmp-ca-fresno"},
    # Tenant Power Collective (7)
    {"national": "tenant-power-collective", "parent": "tpc-ny", "city": "New York", "state": "NY", "name": "Tenant Power Collective New York City", "slug": "tpc-ny-new-york"},
    {"national": "tenant-power-collective", "parent": "tpc-ny", "city": "Albany", "state": "NY", "name": "Tenant Power Collective Albany", "slug": "tpc-ny-albany"},
    {"national": "tenant-power-collective", "parent": "tpc-ca", "city": "San Francisco", "state": "CA", "name": "Tenant Power Collective San Francisco", "slug": "tpc-ca-san-francisco"},
    {"national": "tenant-power-collective", "parent": "tpc-ca", "city": "San Jose", "state": "CA", "name": "Tenant Power Collective San Jose", "slug": "tpc-ca-san-jose"},
    {"national": "tenant-power-collective", "parent": "tpc-il", "city": "Evanston", "state": "IL", "name": "Tenant Power Collective Evanston", "slug": "tpc-il-evanston"},
    {"national": "tenant-power-collective", "parent": "tpc-mn", "city": "Saint Paul", "state": "MN", "name": "Tenant Power Collective Saint Paul", "slug": "tpc-mn-saint-paul"},
    {"national": "tenant-power-collective", "parent": "tenant-power-collective", "city": "Cambridge", "state": "MA", "name": "Tenant Power Collective Cambridge", "slug": "tpc-ma-cambridge"},
    # Civic Futures Education Fund (3)
    {"national": "civic-futures-education-fund", "parent": "cfef-ga", "city": "Athens", "state": "GA", "name": "Civic Futures Athens", "slug": "cfef-ga-athens"},
    {"national": "civic-futures-education-fund", "parent": "cfef-nc", "city": "Greensboro", "state": "NC", "name": "Civic Futures Greensboro", "slug": "cfef-nc-greensboro"},
    {"national": "civic-futures-education-fund", "parent": "cfef-az", "city": "Tucson", "state": "AZ", "name": "Civic Futures Tucson", "slug": "cfef-az-tucson"},
    # New American Voters League (5)
    {"national": "new-american-voters-league", "parent": "navl-tx", "city": "San Antonio", "state": "TX", "name": "New American Voters League San Antonio", "slug": "navl-tx-san-antonio"},
    {"national": "new-american-voters-league", "parent": "navl-tx", "city": "Dallas", "state": "TX", "name": "New American Voters League Dallas", "slug": "navl-tx-dallas"},
    {"national": "new-american-voters-league", "parent": "navl-az", "city": "Tempe", "state": "AZ", "name": "New American Voters League Tempe", "slug": "navl-az-tempe"},
    {"national": "new-american-voters-league", "parent": "navl-ca", "city": "Sacramento", "state": "CA", "name": "New American Voters League Sacramento", "slug": "navl-ca-sacramento"},
    {"national": "new-american-voters-league", "parent": "navl-ca", "city": "Long Beach", "state": "CA", "name": "New American Voters League Long Beach", "slug": "navl-ca-long-beach"},
    # Generation Forward Action (7)
    {"national": "generation-forward-action", "parent": "gfa-wi", "city": "Madison", "state": "WI", "name": "Generation Forward Madison", "slug": "gfa-wi-madison"},
    {"national": "generation-forward-action", "parent": "gfa-wi", "city": "Green Bay", "state": "WI", "name": "Generation Forward Green Bay", "slug": "gfa-wi-green-bay"},
    {"national": "generation-forward-action", "parent": "gfa-mi", "city": "Ann Arbor", "state": "MI", "name": "Generation Forward Ann Arbor", "slug": "gfa-mi-ann-arbor"},
    {"national": "generation-forward-action", "parent": "gfa-mi", "city": "Lansing", "state": "MI", "name": "Generation Forward Lansing", "slug": "gfa-mi-lansing"},
    {"national": "generation-forward-action", "parent": "gfa-pa", "city": "Allentown", "state": "PA", "name": "Generation Forward Allentown", "slug": "gfa-pa-allentown"},
    {"national": "generation-forward-action", "parent": "gfa-nc", "city": "Raleigh", "state": "NC", "name": "Generation Forward Raleigh", "slug": "gfa-nc-raleigh"},
    {"national": "generation-forward-action", "parent": "generation-forward-action", "city": "Champaign", "state": "IL", "name": "Generation Forward Champaign", "slug": "gfa-il-champaign"},
    # Neighbors in Faith Network (7)
    {"national": "neighbors-in-faith-network", "parent": "nif-oh", "city": "Columbus", "state": "OH", "name": "Neighbors in Faith Columbus", "slug": "nif-oh-columbus"},
    {"national": "neighbors-in-faith-network", "parent": "nif-oh", "city": "Cincinnati", "state": "OH", "name": "Neighbors in Faith Cincinnati", "slug": "nif-oh-cincinnati"},
    {"national": "neighbors-in-faith-network", "parent": "nif-ga", "city": "Atlanta", "state": "GA", "name": "Neighbors in Faith Atlanta", "slug": "nif-ga-atlanta"},
    {"national": "neighbors-in-faith-network", "parent": "nif-ma", "city": "Worcester", "state": "MA", "name": "Neighbors in Faith Worcester", "slug": "nif-ma-worcester"},
    {"national": "neighbors-in-faith-network", "parent": "nif-ma", "city": "Springfield", "state": "MA", "name": "Neighbors in Faith Springfield", "slug": "nif-ma-springfield"},
    {"national": "neighbors-in-faith-network", "parent": "neighbors-in-faith-network", "city": "Grand Rapids", "state": "MI", "name": "Neighbors in Faith Grand Rapids", "slug": "nif-mi-grand-rapids"},
    {"national": "neighbors-in-faith-network", "parent": "neighbors-in-faith-network", "city": "Syracuse", "state": "NY", "name": "Neighbors in Faith Syracuse", "slug": "nif-ny-syracuse"},
]

# ---------------------------------------------------------------------------
# Federal table: U.S. House Democratic primaries (all candidates fictional)
# ---------------------------------------------------------------------------

HOUSE_RACES: list[dict] = [
    # Missouri - primary Aug 4
    {"state": "MO", "district": "MO-01", "primary_date": "2026-08-04", "runoff_date": None, "incumbent": {"name": "Delphine Marchetti", "party": "Democratic"}, "challengers": ["Jamal Okoro", "Theresa Vukovich"]},
    {"state": "MO", "district": "MO-05", "primary_date": "2026-08-04", "runoff_date": None, "incumbent": {"name": "Harlan Beaumont", "party": "Democratic"}, "challengers": ["Priya Raghunathan"]},
    # New York - primary Jun 23
    {"state": "NY", "district": "NY-07", "primary_date": "2026-06-23", "runoff_date": None, "incumbent": {"name": "Marisol Quintanilla", "party": "Democratic"}, "challengers": ["Devon Adeyemi-Hart", "Ruth Kaplowitz"]},
    {"state": "NY", "district": "NY-10", "primary_date": "2026-06-23", "runoff_date": None, "incumbent": {"name": "Benjamin Zhao-Feldman", "party": "Democratic"}, "challengers": ["Yesenia Cordero"]},
    {"state": "NY", "district": "NY-13", "primary_date": "2026-06-23", "runoff_date": None, "incumbent": {"name": "Rafael Almonte Reyes", "party": "Democratic"}, "challengers": ["Keisha Brathwaite", "Tomás Ozuna"]},
    {"state": "NY", "district": "NY-15", "primary_date": "2026-06-23", "runoff_date": None, "incumbent": {"name": "Carmen Villaseñor", "party": "Democratic"}, "challengers": ["Malik Ferebee"]},
    # California - top-two primary Jun 2
    {"state": "CA", "district": "CA-12", "primary_date": "2026-06-02", "runoff_date": None, "incumbent": {"name": "Evelyn Takahashi-Brooks", "party": "Democratic"}, "challengers": ["Oscar Lindgren-Paz", "Nadia Farouk"]},
    {"state": "CA", "district": "CA-34", "primary_date": "2026-06-02", "runoff_date": None, "incumbent": {"name": "Gilbert Arreola", "party": "Democratic"}, "challengers": ["Hana Seong", "Luis Escamilla"]},
    {"state": "CA", "district": "CA-37", "primary_date": "2026-06-02", "runoff_date": None, "incumbent": {"name": "Patrice Onwuachi", "party": "Democratic"}, "challengers": ["Rodrigo Téllez"]},
    # Texas - primary Mar 3, runoff May 26
    {"state": "TX", "district": "TX-16", "primary_date": "2026-03-03", "runoff_date": "2026-05-26", "incumbent": {"name": "Alma Zubiate", "party": "Democratic"}, "challengers": ["Ignacio Bermea", "Celeste Dunmore"]},
    {"state": "TX", "district": "TX-18", "primary_date": "2026-03-03", "runoff_date": "2026-05-26", "incumbent": {"name": "Winston Okafor", "party": "Democratic"}, "challengers": ["Latrice Gaines-Hollis", "Andre Chukwu", "Bettina Morales"]},
    {"state": "TX", "district": "TX-30", "primary_date": "2026-03-03", "runoff_date": "2026-05-26", "incumbent": {"name": "Gwendolyn Ashby", "party": "Democratic"}, "challengers": ["Terrence Mabry"]},
    # Illinois - primary Mar 17
    {"state": "IL", "district": "IL-04", "primary_date": "2026-03-17", "runoff_date": None, "incumbent": {"name": "Aurelio Cisneros", "party": "Democratic"}, "challengers": ["Marta Wójcik"]},
    {"state": "IL", "district": "IL-07", "primary_date": "2026-03-17", "runoff_date": None, "incumbent": {"name": "Cornelius Pettaway", "party": "Democratic"}, "challengers": ["Simone Adebayo", "Jerome Whitlock"]},
    {"state": "IL", "district": "IL-09", "primary_date": "2026-03-17", "runoff_date": None, "incumbent": {"name": "Miriam Rosenblatt", "party": "Democratic"}, "challengers": ["Kabir Mehta", "Lena Thorsby"]},
    # Pennsylvania - primary May 19
    {"state": "PA", "district": "PA-02", "primary_date": "2026-05-19", "runoff_date": None, "incumbent": {"name": "Francis Delgado-Byrne", "party": "Democratic"}, "challengers": ["Yolanda Pratt"]},
    {"state": "PA", "district": "PA-03", "primary_date": "2026-05-19", "runoff_date": None, "incumbent": {"name": "Vernon Ellicott", "party": "Democratic"}, "challengers": ["Amara Diallo", "Seth Grunwald"]},
    {"state": "PA", "district": "PA-12", "primary_date": "2026-05-19", "runoff_date": None, "incumbent": {"name": "Noreen Kowalczyk", "party": "Democratic"}, "challengers": ["Desmond Tate"]},
    # Michigan - primary Aug 4
    {"state": "MI", "district": "MI-12", "primary_date": "2026-08-04", "runoff_date": None, "incumbent": {"name": "Samira Haddad", "party": "Democratic"}, "challengers": ["Kevin Duchene"]},
    {"state": "MI", "district": "MI-13", "primary_date": "2026-08-04", "runoff_date": None, "incumbent": {"name": "Lamont Eversley", "party": "Democratic"}, "challengers": ["Adrienne Kowalski", "Yousef Alkhatib"]},
    # Georgia - primary May 19, runoff Jun 16
    {"state": "GA", "district": "GA-05", "primary_date": "2026-05-19", "runoff_date": "2026-06-16", "incumbent": {"name": "Cordelia Oyelaran", "party": "Democratic"}, "challengers": ["Marcus Tolliver", "Jasmine Reddick"]},
    {"state": "GA", "district": "GA-13", "primary_date": "2026-05-19", "runoff_date": "2026-06-16", "incumbent": {"name": "Horace Whitmore", "party": "Democratic"}, "challengers": ["Ebony Calloway"]},
    # Arizona - primary Jul 21
    {"state": "AZ", "district": "AZ-03", "primary_date": "2026-07-21", "runoff_date": None, "incumbent": {"name": "Ximena Valdovinos", "party": "Democratic"}, "challengers": ["Joaquín Barraza"]},
    {"state": "AZ", "district": "AZ-07", "primary_date": "2026-07-21", "runoff_date": None, "incumbent": {"name": "Rosalinda Archuleta", "party": "Democratic"}, "challengers": ["Tobias Navarrete", "Lucía Ocampo"]},
    # Minnesota - primary Aug 11
    {"state": "MN", "district": "MN-05", "primary_date": "2026-08-11", "runoff_date": None, "incumbent": {"name": "Ingrid Solheim-Abdi", "party": "Democratic"}, "challengers": ["Fadumo Guleid", "Peter Vang"]},
    # Wisconsin - primary Aug 11
    {"state": "WI", "district": "WI-02", "primary_date": "2026-08-11", "runoff_date": None, "incumbent": {"name": "Margit Halvorsen", "party": "Democratic"}, "challengers": ["Ezra Lindahl", "Paloma Resendez"]},
    {"state": "WI", "district": "WI-04", "primary_date": "2026-08-11", "runoff_date": None, "incumbent": {"name": "Clarence Oduya", "party": "Democratic"}, "challengers": ["Tamika Rhodes-Bell"]},
    # North Carolina - primary Mar 3, second primary May 12
    {"state": "NC", "district": "NC-04", "primary_date": "2026-03-03", "runoff_date": "2026-05-12", "incumbent": {"name": "Beatrice Umstead", "party": "Democratic"}, "challengers": ["Jonah Rivenbark", "Tanisha Covington"]},
    {"state": "NC", "district": "NC-12", "primary_date": "2026-03-03", "runoff_date": "2026-05-12", "incumbent": {"name": "Reginald Faison", "party": "Democratic"}, "challengers": ["Amelia Dao"]},
    # Ohio - primary May 5
    {"state": "OH", "district": "OH-03", "primary_date": "2026-05-05", "runoff_date": None, "incumbent": {"name": "Calvin Oyediran", "party": "Democratic"}, "challengers": ["Heather Lindeman"]},
    {"state": "OH", "district": "OH-11", "primary_date": "2026-05-05", "runoff_date": None, "incumbent": {"name": "Loretta Pembrook", "party": "Democratic"}, "challengers": ["DeShawn Albright", "Nikolai Petrović"]},
    # Massachusetts - primary Sep 1
    {"state": "MA", "district": "MA-07", "primary_date": "2026-09-01", "runoff_date": None, "incumbent": {"name": "Yvonne Desrosiers", "party": "Democratic"}, "challengers": ["Tiago Fontes", "Grace Mwangi"]},
    # Colorado - primary Jun 30
    {"state": "CO", "district": "CO-01", "primary_date": "2026-06-30", "runoff_date": None, "incumbent": {"name": "Adrian Castellanos", "party": "Democratic"}, "challengers": ["Maren Holcomb", "Juniper Ellison"]},
]

# ---------------------------------------------------------------------------
# State legislative table (all candidates fictional; incumbent None = open seat)
# ---------------------------------------------------------------------------

STATE_LEGISLATIVE_RACES: list[dict] = [
    {"state": "MO", "chamber": "state_senate", "district": "MO-SD-04", "primary_date": "2026-08-04", "incumbent": {"name": "Antoinette Birch"}, "challengers": ["Curtis Ogunleye"]},
    {"state": "MO", "chamber": "state_house", "district": "MO-HD-80", "primary_date": "2026-08-04", "incumbent": None, "challengers": ["Lydia Ferraro", "Kwame Addo"]},
    {"state": "MO", "chamber": "state_house", "district": "MO-HD-25", "primary_date": "2026-08-04", "incumbent": {"name": "Sheldon Voight"}, "challengers": ["Brianna Castillo-Moss"]},
    {"state": "NY", "chamber": "state_assembly", "district": "NY-AD-36", "primary_date": "2026-06-23", "incumbent": {"name": "Yusuf Demir"}, "challengers": ["Chloe Papadakis"]},
    {"state": "NY", "chamber": "state_senate", "district": "NY-SD-59", "primary_date": "2026-06-23", "incumbent": {"name": "Margaret Liang-O'Neill"}, "challengers": ["Tariq Bello"]},
    {"state": "CA", "chamber": "state_assembly", "district": "CA-AD-51", "primary_date": "2026-06-02", "incumbent": {"name": "Esteban Gallardo"}, "challengers": ["Willa Thornquist"]},
    {"state": "CA", "chamber": "state_assembly", "district": "CA-AD-18", "primary_date": "2026-06-02", "incumbent": {"name": "Nia Ekwueme"}, "challengers": ["Felix Arriaga"]},
    {"state": "CA", "chamber": "state_senate", "district": "CA-SD-18", "primary_date": "2026-06-02", "incumbent": None, "challengers": ["Vivian Chu-Martinez", "Gregory Ahn"]},
    {"state": "TX", "chamber": "state_house", "district": "TX-HD-103", "primary_date": "2026-03-03", "incumbent": {"name": "Rosa Linda Herrada"}, "challengers": ["Marcus Teague"]},
    {"state": "IL", "chamber": "state_house", "district": "IL-HD-40", "primary_date": "2026-03-17", "incumbent": {"name": "Valeria Ostrowski"}, "challengers": ["Jamison Reyes-Kaur"]},
    {"state": "PA", "chamber": "state_house", "district": "PA-HD-188", "primary_date": "2026-05-19", "incumbent": {"name": "Kenneth Abiodun"}, "challengers": ["Sofia Marchese"]},
    {"state": "PA", "chamber": "state_senate", "district": "PA-SD-08", "primary_date": "2026-05-19", "incumbent": {"name": "Gloria Pennington"}, "challengers": ["Idris Hollowell"]},
    {"state": "MI", "chamber": "state_senate", "district": "MI-SD-03", "primary_date": "2026-08-04", "incumbent": {"name": "Dorian Ashworth"}, "challengers": ["Layla Saroufim"]},
    {"state": "MI", "chamber": "state_house", "district": "MI-HD-04", "primary_date": "2026-08-04", "incumbent": None, "challengers": ["Terrance Belcher", "Amani Washington-Ruiz"]},
    {"state": "GA", "chamber": "state_house", "district": "GA-HD-58", "primary_date": "2026-05-19", "incumbent": {"name": "Lucille Ogbu"}, "challengers": ["Cedric Hamby"]},
    {"state": "AZ", "chamber": "state_house", "district": "AZ-HD-24", "primary_date": "2026-07-21", "incumbent": {"name": "Maricela Aguayo"}, "challengers": ["Benjamin Yazzie"]},
    {"state": "MN", "chamber": "state_senate", "district": "MN-SD-62", "primary_date": "2026-08-11", "incumbent": {"name": "Ole Brekke"}, "challengers": ["Hibaaq Aden"]},
    {"state": "WI", "chamber": "state_assembly", "district": "WI-AD-76", "primary_date": "2026-08-11", "incumbent": {"name": "Tessa Gundersen"}, "challengers": ["Kofi Mensah-Larsen"]},
    {"state": "WI", "chamber": "state_senate", "district": "WI-SD-26", "primary_date": "2026-08-11", "incumbent": None, "challengers": ["Rachel Birnbaum", "Xai Lor"]},
    {"state": "NC", "chamber": "state_house", "district": "NC-HD-29", "primary_date": "2026-03-03", "incumbent": {"name": "Odessa Pridgen"}, "challengers": ["Caleb Mims"]},
    {"state": "OH", "chamber": "state_house", "district": "OH-HD-21", "primary_date": "2026-05-05", "incumbent": {"name": "Bernard Kessling"}, "challengers": ["Aaliyah Durant"]},
    {"state": "CO", "chamber": "state_house", "district": "CO-HD-06", "primary_date": "2026-06-30", "incumbent": {"name": "Elise Montoya-Hart"}, "challengers": ["Samuel Birchfield"]},
]

# ---------------------------------------------------------------------------
# Municipal table (all candidates fictional; incumbent None = open seat).
# "primary_date" is the first round: a nonpartisan primary, or a partisan
# primary where "nonpartisan" is False. See the module docstring on 2027 rows.
# ---------------------------------------------------------------------------

MUNICIPAL_RACES: list[dict] = [
    # 2026 cycle
    {"state": "CA", "city": "Los Angeles", "office": "mayor", "district": "Citywide", "primary_date": "2026-06-02", "nonpartisan": True, "incumbent": {"name": "Celestine Marrow"}, "challengers": ["Arturo Benavidez", "Wendell Ishikawa"]},
    {"state": "CA", "city": "Los Angeles", "office": "city_council", "district": "Los Angeles Council District 4", "primary_date": "2026-06-02", "nonpartisan": True, "incumbent": {"name": "Naomi Feldstein"}, "challengers": ["Gabriel Urquidi"]},
    {"state": "CA", "city": "Los Angeles", "office": "city_council", "district": "Los Angeles Council District 10", "primary_date": "2026-06-02", "nonpartisan": True, "incumbent": {"name": "Lionel Afolabi"}, "challengers": ["Esperanza Quiroga", "Miles Dorfman"]},
    {"state": "CA", "city": "Los Angeles", "office": "city_council", "district": "Los Angeles Council District 14", "primary_date": "2026-06-02", "nonpartisan": True, "incumbent": {"name": "Raquel Montenegro"}, "challengers": ["Jae-won Paik", "Ofelia Santangelo"]},
    {"state": "CA", "city": "San Diego", "office": "city_council", "district": "San Diego Council District 4", "primary_date": "2026-06-02", "nonpartisan": True, "incumbent": {"name": "Tanya Okonkwo"}, "challengers": ["Reuben Salcido"]},
    {"state": "CA", "city": "San Diego", "office": "city_council", "district": "San Diego Council District 8", "primary_date": "2026-06-02", "nonpartisan": True, "incumbent": {"name": "Benito Lozoya"}, "challengers": ["Carla Espinoza-Ward"]},
    {"state": "CA", "city": "San Jose", "office": "city_council", "district": "San Jose Council District 6", "primary_date": "2026-06-02", "nonpartisan": True, "incumbent": {"name": "Leonard Vu"}, "challengers": ["Priscilla Amador", "Dev Kulkarni"]},
    {"state": "CA", "city": "Sacramento", "office": "city_council", "district": "Sacramento Council District 4", "primary_date": "2026-06-02", "nonpartisan": True, "incumbent": None, "challengers": ["Mei Lin Castro", "Jordan Abernathy"]},
    {"state": "CA", "city": "Long Beach", "office": "mayor", "district": "Citywide", "primary_date": "2026-06-02", "nonpartisan": True, "incumbent": {"name": "Terrell Okoye"}, "challengers": ["Annika Brandvold"]},
    {"state": "AZ", "city": "Phoenix", "office": "city_council", "district": "Phoenix Council District 5", "primary_date": "2026-07-21", "nonpartisan": True, "incumbent": {"name": "Graciela Ybarra"}, "challengers": ["Darnell Fitzhugh"]},
    {"state": "AZ", "city": "Phoenix", "office": "city_council", "district": "Phoenix Council District 7", "primary_date": "2026-07-21", "nonpartisan": True, "incumbent": None, "challengers": ["Marisela Tafoya", "Quentin Harjo", "Elena Sandoval-Pike"]},
    {"state": "MI", "city": "Ann Arbor", "office": "city_council", "district": "Ann Arbor Ward 1", "primary_date": "2026-08-04", "nonpartisan": False, "incumbent": {"name": "Julian Westerbeke"}, "challengers": ["Farah Qureshi"]},
    {"state": "MI", "city": "Ann Arbor", "office": "city_council", "district": "Ann Arbor Ward 3", "primary_date": "2026-08-04", "nonpartisan": False, "incumbent": {"name": "Kirsten Ahlgren"}, "challengers": ["Owen Mabuza"]},
    {"state": "GA", "city": "Athens", "office": "mayor", "district": "Citywide", "primary_date": "2026-05-19", "nonpartisan": True, "incumbent": None, "challengers": ["Lucinda Bramlett", "Isaiah Gathings", "Rowan Pettigrew"]},
    # Spring 2027 cycle (endorsements coordinated during 2026)
    {"state": "IL", "city": "Chicago", "office": "mayor", "district": "Citywide", "primary_date": "2027-02-23", "nonpartisan": True, "incumbent": {"name": "Desmond Okereke"}, "challengers": ["Lourdes Fajardo", "Patrick Szymanski"]},
    {"state": "IL", "city": "Chicago", "office": "city_council", "district": "Chicago Ward 35", "primary_date": "2027-02-23", "nonpartisan": True, "incumbent": {"name": "Ana Lucía Berríos"}, "challengers": ["Tobias Greenberg"]},
    {"state": "IL", "city": "Chicago", "office": "city_council", "district": "Chicago Ward 20", "primary_date": "2027-02-23", "nonpartisan": True, "incumbent": None, "challengers": ["Kendra Lattimore", "Moisés Bautista"]},
    {"state": "MO", "city": "St. Louis", "office": "city_council", "district": "St. Louis Ward 8", "primary_date": "2027-03-02", "nonpartisan": True, "incumbent": {"name": "Cheryl Okwuosa"}, "challengers": ["Daniel Pruitt-Haas"]},
    {"state": "PA", "city": "Philadelphia", "office": "city_council", "district": "Philadelphia Council District 3", "primary_date": "2027-05-18", "nonpartisan": False, "incumbent": {"name": "Monique Sayles"}, "challengers": ["Aaron Kessler-Díaz"]},
    {"state": "CO", "city": "Denver", "office": "city_council", "district": "Denver Council District 9", "primary_date": "2027-04-06", "nonpartisan": True, "incumbent": {"name": "Rosario Maestas"}, "challengers": ["Harper Quigley"]},
]

# ---------------------------------------------------------------------------
# Demo logins
# ---------------------------------------------------------------------------

DEMO_PERSONAS: list[dict] = [
    {"key": "site_admin", "email": "admin@coalition-portal.example", "name": "Morgan Ellery", "org": None, "role": None,
     "description": "Site administrator: add nationals, create tables, add partners and assign the facilitator."},
    {"key": "facilitator", "email": "facilitator@table-facilitator.example", "name": "Priya Castellano", "org": None, "role": None,
     "description": "Neutral facilitator of all three tables: coalition matrix, profiles, working groups, meetings; belongs to no partner."},
    {"key": "national_admin", "email": "renee.adjei@wfnetwork.example", "name": "Renée Adjei", "org": "working-families-network", "role": "admin",
     "description": "National admin: manages the Working Families Network tree; joins working groups (Jamal Okoro's)."},
    {"key": "approver", "email": "thomas.okamura@wfnetwork.example", "name": "Thomas Okamura", "org": "working-families-network", "role": "approver",
     "description": "National approver: approves Working Families Network affiliates' declarations from the queue."},
    {"key": "state_leader", "email": "latoya.brennan@wfnetwork.example", "name": "LaToya Brennan", "org": "wfn-mo", "role": "leader",
     "description": "Missouri state leader: reads the Missouri affiliate and the race lists of its tables."},
    {"key": "local_leader", "email": "gus.delacroix@wfnetwork.example", "name": "Gus Delacroix", "org": "wfn-mo-st-louis", "role": "leader",
     "description": "St. Louis local leader, also a member of Climate Justice Action St. Louis: try switching."},
    {"key": "member", "email": "hannah.lindqvist@wfnetwork.example", "name": "Hannah Lindqvist", "org": "wfn-mo-kansas-city", "role": "member",
     "description": "Kansas City member: browse races and positions with read-only access."},
]

# Extra roles for demo people beyond their main one: (persona key, organization slug, role).
# The local leader belongs to two nationals' locals, to show switching organizations.
EXTRA_MEMBERSHIPS: list[tuple[str, str, str]] = [
    ("local_leader", "cja-mo-st-louis", "member"),
]
