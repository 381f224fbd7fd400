"""How big everything is at a given scale: the 98 job centres with their real municipalities'
weight (population in thousands, so Copenhagen holds about a tenth of the rows and a long tail
of small islands holds very little), and the national totals of every table at scale 1.0."""

from dataclasses import dataclass, field

#: (municipality, population in thousands, the job centre's postcode), largest first.
MUNICIPALITIES: list[tuple[str, float, str]] = [
    ("København", 660, "1550"),
    ("Aarhus", 367, "8000"),
    ("Aalborg", 222, "9000"),
    ("Odense", 207, "5000"),
    ("Vejle", 121, "7100"),
    ("Esbjerg", 116, "6700"),
    ("Frederiksberg", 105, "2000"),
    ("Silkeborg", 99, "8600"),
    ("Randers", 99, "8900"),
    ("Viborg", 98, "8800"),
    ("Horsens", 96, "8700"),
    ("Kolding", 95, "6000"),
    ("Herning", 90, "7400"),
    ("Roskilde", 90, "4000"),
    ("Næstved", 84, "4700"),
    ("Slagelse", 80, "4200"),
    ("Gentofte", 75, "2820"),
    ("Sønderborg", 73, "6400"),
    ("Holbæk", 73, "4300"),
    ("Gladsaxe", 70, "2860"),
    ("Hjørring", 64, "9800"),
    ("Helsingør", 64, "3000"),
    ("Skanderborg", 64, "8660"),
    ("Køge", 62, "4600"),
    ("Guldborgsund", 60, "4800"),
    ("Frederikshavn", 59, "9900"),
    ("Svendborg", 59, "5700"),
    ("Holstebro", 59, "7500"),
    ("Aabenraa", 58, "6200"),
    ("Høje-Taastrup", 57, "2630"),
    ("Rudersdal", 57, "2840"),
    ("Ringkøbing-Skjern", 56, "6950"),
    ("Lyngby-Taarbæk", 56, "2800"),
    ("Haderslev", 55, "6100"),
    ("Hvidovre", 54, "2650"),
    ("Ballerup", 52, "2750"),
    ("Fredericia", 52, "7000"),
    ("Hillerød", 52, "3400"),
    ("Faaborg-Midtfyn", 51, "5600"),
    ("Greve", 51, "2670"),
    ("Varde", 50, "6800"),
    ("Kalundborg", 49, "4400"),
    ("Favrskov", 49, "8450"),
    ("Hedensted", 47, "8722"),
    ("Frederikssund", 46, "3600"),
    ("Skive", 46, "7800"),
    ("Vordingborg", 45, "4760"),
    ("Egedal", 44, "3660"),
    ("Thisted", 43, "7700"),
    ("Tårnby", 43, "2770"),
    ("Syddjurs", 43, "8410"),
    ("Vejen", 43, "6600"),
    ("Mariagerfjord", 42, "9500"),
    ("Ikast-Brande", 42, "7430"),
    ("Fredensborg", 41, "3480"),
    ("Assens", 41, "5610"),
    ("Furesø", 41, "3520"),
    ("Rødovre", 41, "2610"),
    ("Gribskov", 41, "3200"),
    ("Lolland", 40, "4900"),
    ("Middelfart", 39, "5500"),
    ("Bornholm", 39, "3700"),
    ("Jammerbugt", 38, "9440"),
    ("Vesthimmerland", 37, "9600"),
    ("Norddjurs", 37, "8500"),
    ("Tønder", 37, "6270"),
    ("Faxe", 37, "4640"),
    ("Ringsted", 36, "4100"),
    ("Brønderslev", 36, "9700"),
    ("Brøndby", 36, "2605"),
    ("Odsherred", 33, "4500"),
    ("Nyborg", 32, "5800"),
    ("Halsnæs", 31, "3300"),
    ("Sorø", 30, "4180"),
    ("Herlev", 30, "2730"),
    ("Rebild", 30, "9520"),
    ("Lejre", 29, "4330"),
    ("Nordfyns", 29, "5400"),
    ("Albertslund", 28, "2620"),
    ("Billund", 27, "7190"),
    ("Allerød", 26, "3450"),
    ("Hørsholm", 25, "2970"),
    ("Kerteminde", 24, "5300"),
    ("Glostrup", 24, "2600"),
    ("Stevns", 24, "4660"),
    ("Solrød", 24, "2680"),
    ("Ishøj", 24, "2635"),
    ("Odder", 23, "8300"),
    ("Struer", 21, "7600"),
    ("Morsø", 20, "7900"),
    ("Lemvig", 19, "7620"),
    ("Vallensbæk", 17, "2625"),
    ("Dragør", 15, "2791"),
    ("Langeland", 12, "5900"),
    ("Ærø", 6, "5970"),
    ("Samsø", 3.7, "8305"),
    ("Fanø", 3.5, "6720"),
    ("Læsø", 1.7, "9940"),
]

#: National totals at scale 1.0 (issue 9).
NATIONAL = {
    "centres": len(MUNICIPALITIES),
    "staff": 3_000,
    "citizens": 400_000,
    "bookings": 2_000_000,
    "joblog": 20_000_000,
    "cv_rows": 4_000_000,
    "openings": 400_000,
    "open_openings": 50_000,
    "lookups": 10_000_000,
    "companies": 40_000,
}


def split(total: int, weights: list[float]) -> list[int]:
    """`total` split in proportion to `weights` by largest remainder: exact, deterministic."""
    whole = sum(weights)
    if total <= 0 or whole <= 0:
        return [0] * len(weights)
    shares = [total * w / whole for w in weights]
    counts = [int(s) for s in shares]
    order = sorted(range(len(weights)), key=lambda i: (counts[i] - shares[i], i))
    for i in order[: total - sum(counts)]:
        counts[i] += 1
    return counts


@dataclass(frozen=True)
class CentreSize:
    number: int  # 1 = København; usernames and names carry it
    municipality: str
    postcode: str
    weight: float
    citizens: int
    staff: int
    teams: int
    job_consultants: int
    business_consultants: int


@dataclass
class Sizes:
    scale: float
    centres: list[CentreSize] = field(default_factory=list)
    totals: dict[str, int] = field(default_factory=dict)


def centre_blocks(count: int) -> list[list[int]]:
    """Which of the 98 municipalities (by rank) each job centre stands for at a smaller scale.
    København is always its own centre and keeps its national share (about a tenth); the other
    97 are dealt round-robin into `count - 1` blocks of about equal weight, each named after its
    largest member. At scale 1.0 every block is one municipality, the real long tail."""
    total = len(MUNICIPALITIES)
    count = max(1, min(total, count))
    if count == 1:
        return [[0]]
    blocks: list[list[int]] = [[0]] + [[] for _ in range(count - 1)]
    for rank in range(1, total):
        blocks[1 + (rank - 1) % (count - 1)].append(rank)
    return blocks


def sizes(scale: float) -> Sizes:
    """Every table's size at `scale` (1.0 = national), at least one job centre."""
    if scale <= 0:
        raise ValueError("scale must be positive")
    blocks = centre_blocks(round(NATIONAL["centres"] * scale))
    ranks = [block[0] for block in blocks]
    chosen = [MUNICIPALITIES[r] for r in ranks]
    weights = [sum(MUNICIPALITIES[r][1] for r in block) for block in blocks]
    citizens = split(max(len(chosen), round(NATIONAL["citizens"] * scale)), weights)
    staff = split(round(NATIONAL["staff"] * scale), weights)
    out = Sizes(scale=scale)
    for rank, (name, _, postcode), weight, n_citizens, n_staff in zip(
        ranks, chosen, weights, citizens, staff, strict=True
    ):
        n_staff = max(5, n_staff)
        teams = max(1, round(n_staff / 14))
        business = max(1, round(n_staff * 0.08))
        # At tiny scales the staff minimum would leave one consultant with every citizen: keep
        # the national ratio of about 170 citizens per job consultant instead.
        job = max(1, n_staff - 2 - teams - business, -(-n_citizens // 170))
        out.centres.append(
            CentreSize(
                number=rank + 1,
                municipality=name,
                postcode=postcode,
                weight=weight,
                citizens=n_citizens,
                staff=2 + teams + business + job,
                teams=teams,
                job_consultants=job,
                business_consultants=business,
            )
        )
    open_openings = max(1, round(NATIONAL["open_openings"] * scale))
    out.totals = {
        "centres": len(out.centres),
        "staff": sum(c.staff for c in out.centres),
        "citizens": sum(c.citizens for c in out.centres),
        "bookings": round(NATIONAL["bookings"] * scale),
        "joblog": round(NATIONAL["joblog"] * scale),
        "cv_rows": round(NATIONAL["cv_rows"] * scale),
        "openings": max(open_openings, round(NATIONAL["openings"] * scale)),
        "open_openings": open_openings,
        "lookups": round(NATIONAL["lookups"] * scale),
        "companies": max(len(out.centres), round(NATIONAL["companies"] * scale)),
    }
    return out
