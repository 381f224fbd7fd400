"""What the labour demo is made of: the places, kinds of company with their occupations, names,
titles and agreements the companies and openings are drawn from."""

from pathlib import Path

SAMPLE = Path(__file__).resolve().parent.parent / "data" / "jobposting_sample.jsonld"
OPEN_OPENINGS = 500
EXPIRED_OPENINGS = 14
HISTORY_DAYS = 35

#: (postcode, town) around Jobcenter Demo, the nearest first.
DEMO_PLACES = [
    ("2605", "Brøndby"),
    ("2660", "Brøndby Strand"),
    ("2600", "Glostrup"),
    ("2650", "Hvidovre"),
    ("2625", "Vallensbæk"),
    ("2620", "Albertslund"),
    ("2635", "Ishøj"),
    ("2610", "Rødovre"),
    ("2630", "Taastrup"),
    ("2640", "Hedehusene"),
    ("2500", "Valby"),
    ("2450", "København SV"),
    ("1620", "København V"),
    ("2300", "København S"),
    ("2750", "Ballerup"),
    ("2670", "Greve"),
    ("4000", "Roskilde"),
]
NORD_PLACES = [
    ("9900", "Frederikshavn"),
    ("9990", "Skagen"),
    ("9300", "Sæby"),
    ("9800", "Hjørring"),
    ("9000", "Aalborg"),
]

#: Kinds of company: DB07 code, name patterns, occupations they hire, knowledge notes.
KINDS = {
    "warehouse": (
        "521000",
        ["{town} Lager & Logistik ApS", "Nordic Pallet {town} A/S", "Vestegnens Distribution"],
        ["Lagerarbejder", "Truckfører", "Pakkeriarbejder", "Lagerekspedient"],
        "Plukning, pakning og varemodtagelse i skiftehold; scannere og truck.",
        "Kort og kontant. Man siger til, hvis noget går galt.",
        "Mange nationaliteter, fælles morgenmad om fredagen, tydelige holdledere.",
        "Sikkerhedssko, mødestabilitet; truckcertifikat er et plus.",
        "Uge 40-51: op til 20 ekstra til julesæsonen.",
    ),
    "transport": (
        "494100",
        ["{town} Fragt ApS", "Vestegnens Vognmandsforretning", "Brøndby Kurér & Distribution"],
        ["Chauffør (lastbil)", "Varebilschauffør", "Disponent (transport)", "Bud"],
        "Distribution til butikker på Sjælland, tidlige morgener.",
        "Uformel, meget telefon og radio.",
        "Små teams pr. rute; chaufførerne kender hinanden godt.",
        "Kørekort C/CE for lastbil; B for varebil; ren straffeattest.",
        "Flere ruter i november og december.",
    ),
    "care": (
        "873000",
        ["Plejecenter {town}", "Omsorgshuset {town}", "Ældrecenter Vestervang"],
        ["Social- og sundhedsassistent", "Social- og sundhedshjælper", "Sygeplejerske"],
        "Personlig pleje, medicin, dokumentation; dag-, aften- og nattevagter.",
        "Varm og rolig; beboerne først.",
        "Fast kerne af erfarne kolleger, der gerne tager elever og praktikanter.",
        "SOSU-uddannelse; danskkundskaber til dokumentation.",
        "Sommerferieafløsning maj-august.",
    ),
    "hospital": (
        "861000",
        ["{town} Hospital", "Privathospitalet {town}"],
        ["Sygeplejerske", "Portør", "Lægesekretær", "Rengøringsassistent"],
        "Akutmodtagelse, sengeafsnit og ambulatorier.",
        "Professionel, travl, hurtige overleveringer.",
        "Stor arbejdsplads med mange faggrupper.",
        "Autorisation for sundhedsfaglige stillinger.",
        "Sommerferie og vinterens influenzasæson.",
    ),
    "retail": (
        "471110",
        ["Super{town}", "Købmand {town}", "Discount {town}"],
        ["Butiksassistent", "Kassemedarbejder", "Butikschef"],
        "Kasse, varepåfyldning, kundeservice; weekender.",
        "Smilende og effektiv; kunderne først.",
        "Unge kolleger og faste ældre; god oplæring.",
        "Fleksibilitet til aften og weekend.",
        "Jul og påske: ekstra hænder.",
    ),
    "cleaning": (
        "812100",
        ["{town} Rengøring ApS", "Vestegnens Servicepartner", "Rent & Pænt {town}"],
        ["Rengøringsassistent", "Vinduespudser", "Ejendomsservicetekniker"],
        "Kontorrengøring tidlig morgen og aften; hospitaler og skoler.",
        "Praktisk og venlig.",
        "Små hold på faste adresser.",
        "Kørekort B er en fordel; mødestabilitet.",
        "Sommer: hovedrengøring af skoler.",
    ),
    "kitchen": (
        "562900",
        ["Kantinen i {town}", "{town} Madhus", "Frokostkøkkenet Vest"],
        ["Kok", "Køkkenmedhjælper", "Kantinemedarbejder", "Ernæringsassistent"],
        "Frokostproduktion til virksomheder og institutioner.",
        "Travl formiddag, roligere eftermiddag.",
        "Lille køkken, alle hjælper hinanden.",
        "Hygiejnebevis; gerne erfaring fra storkøkken.",
        "Færre kuverter i juli.",
    ),
    "construction": (
        "412000",
        ["{town} Byg A/S", "Vestegnens Entreprise", "Murer & Tømrer {town} ApS"],
        ["Tømrer", "Murer", "Bygningsarbejder", "Anlægsarbejder", "Elektriker", "Maler"],
        "Renovering af etageboliger og nybyggeri.",
        "Direkte; sikkerhed tages alvorligt.",
        "Sjak med fast formand; lærlinge velkomne.",
        "Svende- eller erfaringsbevis; sikkerhedskursus.",
        "Travlt marts-oktober.",
    ),
    "industry": (
        "256200",
        ["{town} Industri A/S", "Nordic Metal {town}", "Vestegnens Maskinfabrik"],
        ["Produktionsmedarbejder", "Smed", "Industrioperatør", "CNC-operatør", "Montør (industri)"],
        "Produktion i tre skift; CNC og svejsning.",
        "Rolig og saglig; fokus på kvalitet.",
        "Lang anciennitet; stolte af produktet.",
        "Teknisk flair; erfaring med maskiner.",
        "Jævnt over året.",
    ),
    "childcare": (
        "889100",
        ["Børnehuset {town}", "Vuggestuen Solsikken", "Naturbørnehaven {town}"],
        ["Pædagog", "Pædagogmedhjælper", "Dagplejer"],
        "Vuggestue og børnehave, 0-6 år.",
        "Nærværende og legende.",
        "Tæt samarbejde med forældre; udeliv hver dag.",
        "Pædagogisk erfaring; straffe- og børneattest.",
        "Flere børn i foråret.",
    ),
    "office": (
        "692000",
        ["{town} Revision", "Vestegnens Bogføring ApS", "KontorService {town}"],
        ["Bogholder", "Kontorassistent", "Receptionist", "Kundeservicemedarbejder"],
        "Bogføring, løn og kundeservice for små virksomheder.",
        "Venlig og præcis.",
        "Lille kontor, fleksible arbejdstider.",
        "Excel og e-conomic eller Dinero.",
        "Travlt op til årsafslutning og moms.",
    ),
    "hotel": (
        "551010",
        ["Hotel {town}", "{town} Konferencecenter"],
        ["Hotelreceptionist", "Tjener", "Rengøringsassistent", "Kok"],
        "Reception, housekeeping og restaurant.",
        "Serviceminded; gæsten i centrum.",
        "Internationalt hold; engelsk hver dag.",
        "Engelsk; weekendarbejde.",
        "Sommer og konferencesæson i efteråret.",
    ),
}
#: How many companies of each kind around Jobcenter Demo (60 in all).
DEMO_COMPANIES = {
    "warehouse": 9,
    "transport": 6,
    "care": 6,
    "hospital": 3,
    "retail": 7,
    "cleaning": 6,
    "kitchen": 5,
    "construction": 6,
    "industry": 5,
    "childcare": 3,
    "office": 2,
    "hotel": 2,
}
NORD_COMPANIES = ["industry", "care", "hospital", "retail", "hotel", "transport"]

PLURALS = {
    "Sygeplejerske": "Sygeplejersker",
    "Lagerarbejder": "Lagerarbejdere",
    "Butiksassistent": "Butiksassistenter",
    "Social- og sundhedsassistent": "Social- og sundhedsassistenter",
    "Social- og sundhedshjælper": "Social- og sundhedshjælpere",
    "Rengøringsassistent": "Rengøringsassistenter",
    "Produktionsmedarbejder": "Produktionsmedarbejdere",
    "Pakkeriarbejder": "Pakkeriarbejdere",
    "Kassemedarbejder": "Kassemedarbejdere",
    "Pædagogmedhjælper": "Pædagogmedhjælpere",
    "Tømrer": "Tømrere",
    "Chauffør (lastbil)": "Lastbilchauffører",
}
TITLE_ENDINGS = [
    "",
    " til dagholdet",
    " til aftenhold",
    " til nattehold",
    ", fast stilling",
    ", vikariat",
    " på deltid",
    " - gerne med erfaring",
    " til travl afdeling",
]
NURSE_PLACES_FAR = [
    ("Region Nordjylland", "9000", "Aalborg", "Aalborg Universitetshospital"),
    ("Region Nordjylland", "9900", "Frederikshavn", "Sygehus Vendsyssel, Frederikshavn"),
    ("Region Nordjylland", "9800", "Hjørring", "Regionshospital Nordjylland, Hjørring"),
    ("Frederikshavn Kommune", "9990", "Skagen", "hjemmesygeplejen i Skagen"),
    ("Region Sjælland", "4000", "Roskilde", "Sjællands Universitetshospital, Roskilde"),
]
NURSE_PLACES_NEAR = [
    ("Hvidovre Hospital", "2650", "Hvidovre", "akutmodtagelsen"),
    ("Glostrup Hospital", "2600", "Glostrup", "neurologisk afdeling"),
    ("Brøndby Kommune", "2605", "Brøndby", "hjemmesygeplejen"),
    ("Rigshospitalet", "2100", "København Ø", "intensiv afdeling"),
    ("Bispebjerg Hospital", "2400", "København NV", "medicinsk afdeling"),
]
FIRST_NAMES = [
    "Anne", "Mette", "Lone", "Susanne", "Camilla", "Louise", "Jens", "Lars", "Morten",
    "Henrik", "Søren", "Thomas", "Fatima", "Ahmed", "Katarzyna", "Ole", "Bente", "Dorthe",
    "Mikkel", "Rikke",
]  # fmt: skip
LAST_NAMES = [
    "Jensen", "Nielsen", "Hansen", "Pedersen", "Andersen", "Christensen", "Larsen", "Sørensen",
    "Rasmussen", "Jørgensen", "Petersen", "Madsen", "Kristensen", "Olsen", "Yilmaz", "Kowalska",
]  # fmt: skip
CONTACT_TITLES = ["Driftsleder", "HR-partner", "Afdelingsleder", "Indehaver", "Holdleder"]
AGREEMENTS = [
    ("Tager 4 i virksomhedspraktik om året", "Praktik med mentor; 4-13 uger."),
    ("Partnerskab om løntilskud", "Op til 2 i løntilskud ad gangen."),
    ("Rekrutteringsaftale", "Jobcentret sender kandidater først, før stillingen slås op."),
    ("Virksomhedscenter", "Tager flere borgere ad gangen med fast kontaktperson."),
]
