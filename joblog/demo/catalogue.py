"""What the Joblog demo is drawn from: occupations, employers, recruiters, places, titles and
notes, and the kinds of job seeker."""

HISTORY_DAYS = 365
#: The rest of a demo centre's citizens began their Joblog at most this many days ago.
TAKE_UP_DAYS = 150

#: Used only when the occupation list is empty (it normally comes from a data migration).
FALLBACK_OCCUPATIONS = [
    ("Lagerarbejder", "9333"),
    ("Butiksassistent", "5223"),
    ("Chauffør (lastbil)", "8332"),
    ("Social- og sundhedshjælper", "5322"),
    ("Kok", "5120"),
    ("Rengøringsassistent", "9112"),
    ("Kundeservicemedarbejder", "4222"),
    ("Pædagogmedhjælper", "5312"),
    ("Produktionsmedarbejder", "9329"),
    ("Tømrer", "7115"),
]

EMPLOYERS = [
    "Salling Group",
    "Coop Danmark",
    "Netto",
    "Lidl Danmark",
    "Rema 1000",
    "JYSK",
    "Elgiganten",
    "Bauhaus",
    "Stark",
    "PostNord",
    "DSV",
    "Danish Crown",
    "Arla Foods",
    "Carlsberg",
    "Novo Nordisk",
    "Coloplast",
    "Region Hovedstaden",
    "Brøndby Kommune",
    "Hvidovre Kommune",
    "Københavns Kommune",
    "ISS Facility Services",
    "Compass Group",
    "Det Danske Madhus",
    "Falck",
    "Securitas",
    "Scandic Hotels",
    "Tivoli",
    "Magasin",
    "H&M",
    "IKEA Taastrup",
    "Kvickly Glostrup",
    "Føtex Hvidovre",
    "Bilka Ishøj",
    "Dansk Supermarked Lager",
    "GLS Denmark",
    "Movia",
    "Arriva Danmark",
    "Kastrup Lufthavn (CPH)",
    "Vikarbureauet Job&Co",
    "Randstad",
    "Adecco",
    "Manpower",
    "Tømrerfirmaet Hansen & Søn",
    "Malerfirmaet Nielsen ApS",
    "Bageriet Brødkassen",
    "Plejecenter Solgården",
    "Børnehuset Mælkebøtten",
    "Café Hjørnet",
]
RECRUITERS = ["Randstad", "Adecco", "Manpower", "Vikarbureauet Job&Co", "Hays", "Moment"]

PLACES = {
    "Jobcenter Demo": [
        ("2605", "Brøndby"),
        ("2600", "Glostrup"),
        ("2620", "Albertslund"),
        ("2650", "Hvidovre"),
        ("2500", "Valby"),
        ("1620", "København V"),
        ("2300", "København S"),
        ("2635", "Ishøj"),
        ("2630", "Taastrup"),
        ("2610", "Rødovre"),
        ("2750", "Ballerup"),
        ("2770", "Kastrup"),
        ("4600", "Køge"),
        ("4000", "Roskilde"),
    ],
    "Jobcenter Nord": [
        ("9900", "Frederikshavn"),
        ("9000", "Aalborg"),
        ("9800", "Hjørring"),
        ("9300", "Sæby"),
        ("9990", "Skagen"),
    ],
}

#: The demo citizen "borger" searches where her CV points (cv/demo.py): the warehouse first,
#: but never as Truckfører, although her CV seeks it: the preparation view names that finding.
BORGER_OCCUPATIONS = ["Lagerarbejder", "Pakkeriarbejder", "Chauffør (lastbil)"]

TITLE_SUFFIXES = ["", "", "", ", fuldtid", ", deltid", " (vikariat)", ", aften/nat", ", 30 timer"]

NOTES = [
    "Ringede inden og talte med afdelingslederen.",
    "Sendte CV og ansøgning via deres hjemmeside.",
    "De svarer inden for to uger.",
    "Fik et afslag, men må gerne søge igen senere.",
    "Mødte dem på jobmessen i Brøndby Hallen.",
    "Min tidligere kollega anbefalede mig.",
    "Samtale aftalt. Husk kørekort og referencer.",
    "Skal følge op med et opkald i næste uge.",
    "Stillingen kræver kørekort.",
    "Søgt uopfordret, spurgte efter vikartimer.",
    "",
    "",
    "",
]

#: How the citizens search: (share of the borger001-100, searches a week, occupations, places).
KINDS = {
    "steady": (0.35, 1.7, 3, 4),
    "narrow": (0.20, 1.2, 1, 1),
    "broad": (0.15, 3.0, 7, 9),
    "stopped": (0.15, 1.4, 2, 3),
    "none": (0.10, 0.0, 0, 0),
    "hired": (0.05, 2.2, 3, 4),
}
