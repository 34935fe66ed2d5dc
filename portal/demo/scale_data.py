"""Data for the national-scale benchmark coalition (portal.demo.scale). Pure
data, no logic. The partner nationals and their people are fictional (every
e-mail domain is under the reserved .example TLD); states, House apportionment
and city names are real."""
from __future__ import annotations

# Seats in the U.S. House per state after the 2020 census (apportionment in
# force from the 2022 elections through 2030). Sums to 435. A state with one
# seat elects at large: its district is written "XX-AL".
HOUSE_SEATS: dict[str, int] = {
    "AL": 7, "AK": 1, "AZ": 9, "AR": 4, "CA": 52, "CO": 8, "CT": 5, "DE": 1, "FL": 28, "GA": 14,
    "HI": 2, "ID": 2, "IL": 17, "IN": 9, "IA": 4, "KS": 4, "KY": 6, "LA": 6, "ME": 2, "MD": 8,
    "MA": 9, "MI": 13, "MN": 8, "MS": 4, "MO": 8, "MT": 2, "NE": 3, "NV": 4, "NH": 2, "NJ": 12,
    "NM": 3, "NY": 26, "NC": 14, "ND": 1, "OH": 15, "OK": 5, "OR": 6, "PA": 17, "RI": 2, "SC": 7,
    "SD": 1, "TN": 9, "TX": 38, "UT": 4, "VT": 1, "VA": 11, "WA": 10, "WV": 2, "WI": 8, "WY": 1,
}

# States whose lower chamber is called the Assembly; Nebraska has one chamber (its senators).
ASSEMBLY_STATES = frozenset({"CA", "NV", "NY", "NJ", "WI"})
UNICAMERAL_STATES = frozenset({"NE"})

# Partner nationals: (name, slug abbreviation, legal status, e-mail domain). None is a 501(c)(3):
# a charity cannot endorse, and every one of these sits at both tables.
NATIONALS: list[tuple[str, str, str, str]] = [
    ("Working Families Alliance", "wfa", "501c4", "wfalliance.example"),
    ("Clean Air Voters", "cav", "501c4", "cleanairvoters.example"),
    ("Service and Care Workers Union", "scwu", "union", "careworkers.example"),
    ("Progressive Majority Caucus", "pmc", "party", "progmajority.example"),
    ("People First PAC", "pfp", "pac", "peoplefirstpac.example"),
    ("Renters United", "ru", "501c4", "rentersunited.example"),
    ("Next Generation Voters", "ngv", "501c4", "nextgenvoters.example"),
    ("Teachers and Families Action", "tfa", "union", "teachersfamilies.example"),
    ("Rural Futures Network", "rfn", "501c4", "ruralfutures.example"),
    ("Faith in Community Action", "fica", "other", "faithincommunity.example"),
    ("Healthcare for All Action", "hfa", "501c4", "healthcareforall.example"),
    ("Immigrant Voters Coalition", "ivc", "501c4", "immigrantvoters.example"),
]

# A handful of real cities per state, for local affiliates.
CITIES: dict[str, list[str]] = {
    "AL": ["Birmingham", "Montgomery", "Mobile", "Huntsville", "Tuscaloosa", "Dothan"],
    "AK": ["Anchorage", "Fairbanks", "Juneau", "Wasilla", "Sitka", "Ketchikan"],
    "AZ": ["Phoenix", "Tucson", "Mesa", "Chandler", "Flagstaff", "Tempe", "Yuma"],
    "AR": ["Little Rock", "Fayetteville", "Fort Smith", "Jonesboro", "Pine Bluff", "Conway"],
    "CA": ["Los Angeles", "San Diego", "San Jose", "San Francisco", "Fresno", "Sacramento", "Oakland",
           "Long Beach", "Bakersfield", "Riverside", "Stockton", "Santa Ana"],
    "CO": ["Denver", "Colorado Springs", "Aurora", "Fort Collins", "Boulder", "Pueblo", "Greeley"],
    "CT": ["Hartford", "New Haven", "Bridgeport", "Stamford", "Waterbury", "Norwalk"],
    "DE": ["Wilmington", "Dover", "Newark", "Middletown", "Smyrna", "Milford"],
    "FL": ["Miami", "Tampa", "Orlando", "Jacksonville", "Tallahassee", "St. Petersburg", "Gainesville",
           "Fort Lauderdale", "Pensacola"],
    "GA": ["Atlanta", "Savannah", "Augusta", "Columbus", "Macon", "Athens", "Albany"],
    "HI": ["Honolulu", "Hilo", "Kailua", "Kahului", "Pearl City", "Kapolei"],
    "ID": ["Boise", "Meridian", "Nampa", "Idaho Falls", "Pocatello", "Coeur d'Alene"],
    "IL": ["Chicago", "Aurora", "Rockford", "Springfield", "Peoria", "Champaign", "Evanston", "Joliet"],
    "IN": ["Indianapolis", "Fort Wayne", "Evansville", "South Bend", "Bloomington", "Gary"],
    "IA": ["Des Moines", "Cedar Rapids", "Davenport", "Iowa City", "Sioux City", "Waterloo"],
    "KS": ["Wichita", "Kansas City", "Topeka", "Lawrence", "Overland Park", "Manhattan"],
    "KY": ["Louisville", "Lexington", "Bowling Green", "Covington", "Owensboro", "Frankfort"],
    "LA": ["New Orleans", "Baton Rouge", "Shreveport", "Lafayette", "Lake Charles", "Monroe"],
    "ME": ["Portland", "Lewiston", "Bangor", "Augusta", "Biddeford", "South Portland"],
    "MD": ["Baltimore", "Annapolis", "Frederick", "Rockville", "Silver Spring", "Hagerstown"],
    "MA": ["Boston", "Worcester", "Springfield", "Cambridge", "Lowell", "New Bedford", "Somerville"],
    "MI": ["Detroit", "Grand Rapids", "Lansing", "Ann Arbor", "Flint", "Kalamazoo", "Dearborn"],
    "MN": ["Minneapolis", "St. Paul", "Duluth", "Rochester", "Bloomington", "St. Cloud"],
    "MS": ["Jackson", "Gulfport", "Hattiesburg", "Biloxi", "Tupelo", "Meridian"],
    "MO": ["St. Louis", "Kansas City", "Springfield", "Columbia", "Independence", "Jefferson City"],
    "MT": ["Billings", "Missoula", "Bozeman", "Great Falls", "Helena", "Butte"],
    "NE": ["Omaha", "Lincoln", "Bellevue", "Grand Island", "Kearney", "North Platte"],
    "NV": ["Las Vegas", "Reno", "Henderson", "North Las Vegas", "Sparks", "Carson City"],
    "NH": ["Manchester", "Nashua", "Concord", "Portsmouth", "Dover", "Keene"],
    "NJ": ["Newark", "Jersey City", "Paterson", "Trenton", "Camden", "Elizabeth", "New Brunswick"],
    "NM": ["Albuquerque", "Santa Fe", "Las Cruces", "Rio Rancho", "Roswell", "Farmington"],
    "NY": ["New York", "Buffalo", "Rochester", "Syracuse", "Albany", "Yonkers", "Ithaca", "Utica"],
    "NC": ["Charlotte", "Raleigh", "Durham", "Greensboro", "Asheville", "Wilmington", "Winston-Salem"],
    "ND": ["Fargo", "Bismarck", "Grand Forks", "Minot", "West Fargo", "Williston"],
    "OH": ["Columbus", "Cleveland", "Cincinnati", "Toledo", "Akron", "Dayton", "Youngstown"],
    "OK": ["Oklahoma City", "Tulsa", "Norman", "Broken Arrow", "Lawton", "Stillwater"],
    "OR": ["Portland", "Eugene", "Salem", "Bend", "Medford", "Corvallis"],
    "PA": ["Philadelphia", "Pittsburgh", "Allentown", "Harrisburg", "Erie", "Scranton", "Reading", "Lancaster"],
    "RI": ["Providence", "Warwick", "Cranston", "Pawtucket", "Newport", "Woonsocket"],
    "SC": ["Columbia", "Charleston", "Greenville", "Spartanburg", "Rock Hill", "Myrtle Beach"],
    "SD": ["Sioux Falls", "Rapid City", "Aberdeen", "Brookings", "Watertown", "Pierre"],
    "TN": ["Nashville", "Memphis", "Knoxville", "Chattanooga", "Clarksville", "Murfreesboro"],
    "TX": ["Houston", "San Antonio", "Dallas", "Austin", "Fort Worth", "El Paso", "Corpus Christi",
           "Laredo", "Lubbock", "Brownsville"],
    "UT": ["Salt Lake City", "Provo", "Ogden", "West Valley City", "St. George", "Logan"],
    "VT": ["Burlington", "Montpelier", "Rutland", "Brattleboro", "Barre", "St. Albans"],
    "VA": ["Richmond", "Virginia Beach", "Norfolk", "Arlington", "Alexandria", "Roanoke", "Charlottesville"],
    "WA": ["Seattle", "Spokane", "Tacoma", "Vancouver", "Bellingham", "Olympia", "Yakima"],
    "WV": ["Charleston", "Huntington", "Morgantown", "Parkersburg", "Wheeling", "Beckley"],
    "WI": ["Milwaukee", "Madison", "Green Bay", "Kenosha", "Racine", "Eau Claire"],
    "WY": ["Cheyenne", "Casper", "Laramie", "Gillette", "Rock Springs", "Sheridan"],
}

FIRST_NAMES = [
    "Maria", "James", "Aisha", "Robert", "Mei", "David", "Lucia", "Michael", "Priya", "William", "Keisha",
    "Daniel", "Rosa", "Thomas", "Hannah", "Carlos", "Grace", "Andre", "Fatima", "Joseph", "Elena", "Marcus",
    "Sofia", "Kevin", "Naomi", "Luis", "Ruth", "Samuel", "Yuki", "Brian", "Amara", "Patrick", "Leah",
    "Jamal", "Teresa", "Ethan", "Olivia", "Hector", "Diane", "Omar",
]
LAST_NAMES = [
    "Garcia", "Johnson", "Nguyen", "Smith", "Patel", "Williams", "Hernandez", "Brown", "Kim", "Jones",
    "Lopez", "Miller", "Chen", "Davis", "Rodriguez", "Wilson", "Martinez", "Anderson", "Okafor", "Taylor",
    "Thomas", "Moore", "Jackson", "Martin", "Lee", "Perez", "Thompson", "White", "Harris", "Sanchez",
    "Clark", "Ramirez", "Lewis", "Robinson", "Walker", "Young", "Allen", "King", "Wright", "Scott",
]
PARTIES = ["Democratic", "Republican", "Independent", "Working Families", "Green", "Libertarian"]

REJECTION_REASONS = [
    "Conflicts with the national's endorsement in this race.",
    "The candidate has not completed our questionnaire yet.",
    "Capacity numbers look too high for this affiliate; please confirm with the field director.",
    "Please wait until the national board meets on this race.",
    "Wrong stage: this should be a general-election endorsement.",
]
NOTES = [
    None, None, "Board vote was unanimous.", "Joint announcement with the state federation.",
    "Numbers confirmed with the volunteer coordinator.", "Pending a candidate forum next month.",
    "Shared with the table at the last call.",
]
