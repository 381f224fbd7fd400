"""Job centres, teams, staff and citizens (users and profiles). Usernames are predictable so
load tests can log in: c<centre>-borger<n>, c<centre>-konsulent<n>, c<centre>-virksomhed<n>,
c<centre>-teamleder<n>, c<centre>-leder and c<centre>-admin, all with the password "demo"."""

from accounts.demo_totp import DEMO_TOTP_KEY
from accounts.models import Role
from centres.models import JobCentre
from citizens.demo import FIRST_NAMES, LAST_NAMES, MIDDLE_NAMES
from common.crypto import encrypt, keyed_hash

from .context import HISTORY_DAYS, CentreInfo, Context

USER_COLUMNS = [
    "id",
    "password",
    "last_login",
    "is_superuser",
    "username",
    "email",
    "is_staff",
    "is_active",
    "date_joined",
    "name",
    "role",
    "job_centre_id",
    "team_id",
]
TOTP_COLUMNS = [
    "id",
    "user_id",
    "name",
    "confirmed",
    "throttling_failure_count",
    "created_at",
    "key",
    "step",
    "t0",
    "digits",
    "tolerance",
    "drift",
    "last_t",
]
TEAM_NAMES = [
    "Jobparate dagpenge",
    "Jobparate kontanthjælp",
    "Aktivitetsparate",
    "Unge under 30",
    "Seniorer",
    "Sygedagpenge",
    "Integration",
    "Jobteam Nord",
    "Jobteam Syd",
    "Jobteam Øst",
    "Jobteam Vest",
    "Jobteam Centrum",
]


def name(rng) -> str:
    first = rng.choice(FIRST_NAMES)
    if rng.random() < 0.3:
        return f"{first} {rng.choice(MIDDLE_NAMES)} {rng.choice(LAST_NAMES)}"
    return f"{first} {rng.choice(LAST_NAMES)}"


def team_name(index: int) -> str:
    base = TEAM_NAMES[index % len(TEAM_NAMES)]
    return base if index < len(TEAM_NAMES) else f"{base} {index // len(TEAM_NAMES) + 1}"


#: The job centre's settings the data set leaves at the model's defaults (COPY and executemany
#: bypass Django, so every NOT NULL column is written).
CENTRE_DEFAULTS = [
    "phone",
    "email",
    "opening_hours",
    "quiet_hours_start",
    "quiet_hours_end",
    "reminder_lead_hours",
    "small_number_threshold",
]


def centres(ctx: Context) -> None:
    base = ctx.ids("centres_jobcentre")
    fields = {field.name: field for field in JobCentre._meta.concrete_fields}
    defaults = tuple(fields[name].get_default() for name in CENTRE_DEFAULTS)
    rows = []
    for index, size in enumerate(ctx.sizes.centres):
        code, town, _, _ = ctx.place(size.postcode)
        info = CentreInfo(
            index=index,
            id=base + index,
            number=size.number,
            name=f"Jobcenter {size.municipality}",
            municipality=f"{size.municipality} Kommune",
            postcode=code,
            town=town,
        )
        info.homes = ctx.nearest(code, 12)
        ctx.centres.append(info)
        rows.append(
            (
                info.id,
                info.name,
                info.municipality,
                "Rådhuspladsen 1" if index == 0 else f"Jobcentervej {size.number}",
                code,
                town,
                False,
                30,
                30,
                12,
                40,
                20,
                *defaults,
            )
        )
    ctx.write(
        "centres_jobcentre",
        [
            "id",
            "name",
            "municipality",
            "address",
            "postcode",
            "town",
            "hide_staff_names_in_lookup_log",
            "staff_session_timeout_minutes",
            "citizen_session_timeout_minutes",
            "long_unemployment_months",
            "travel_radius_with_car_km",
            "travel_radius_without_car_km",
            *CENTRE_DEFAULTS,
        ],
        iter(rows),
        len(rows),
    )
    team_id = ctx.ids("centres_team")
    teams = []
    for info, size in zip(ctx.centres, ctx.sizes.centres, strict=True):
        for t in range(size.teams):
            info.teams.append(team_id)
            teams.append((team_id, info.id, team_name(t), ""))
            team_id += 1
    ctx.write(
        "centres_team", ["id", "job_centre_id", "name", "description"], iter(teams), len(teams)
    )


def staff(ctx: Context) -> None:
    """A manager and an administrator per centre, a team leader per team, business
    consultants, and job consultants spread over the teams."""
    next_id = ctx.ids("accounts_user")
    joined = ctx.moment(0, 8 * 60)
    rows = []

    def add(info: CentreInfo, username: str, role: str, team: int | None, rng) -> int:
        nonlocal next_id
        uid = next_id
        next_id += 1
        rows.append(
            (
                uid,
                ctx.password,
                None,
                False,
                username,
                f"{username}@jobcenter.example",
                False,
                True,
                joined,
                name(rng),
                role,
                info.id,
                team,
            )
        )
        if team is not None:
            info.team_of[uid] = team
        return uid

    for info, size in zip(ctx.centres, ctx.sizes.centres, strict=True):
        rng = ctx.rng("staff", info.number)
        prefix = f"c{info.number}-"
        info.manager = add(info, prefix + "leder", Role.MANAGER, None, rng)
        info.administrator = add(info, prefix + "admin", Role.ADMINISTRATOR, None, rng)
        for t, team in enumerate(info.teams, start=1):
            info.team_leaders.append(
                add(info, f"{prefix}teamleder{t}", Role.TEAM_LEADER, team, rng)
            )
        for n in range(1, size.business_consultants + 1):
            info.business.append(
                add(info, f"{prefix}virksomhed{n}", Role.BUSINESS_CONSULTANT, None, rng)
            )
        for n in range(1, size.job_consultants + 1):
            team = info.teams[(n - 1) % len(info.teams)]
            info.job_consultants.append(
                add(info, f"{prefix}konsulent{n}", Role.JOB_CONSULTANT, team, rng)
            )
    ctx.write("accounts_user", USER_COLUMNS, iter(rows), len(rows))
    ctx.user_base_citizens = next_id
    # Every member of staff has the demo authenticator app, as in seed_demo (accounts.demo).
    device_id = ctx.ids("otp_totp_totpdevice")
    devices = [
        (device_id + n, row[0], "Demo-app", True, 0, joined, DEMO_TOTP_KEY, 30, 0, 6, 1, 0, -1)
        for n, row in enumerate(rows)
    ]
    ctx.write("otp_totp_totpdevice", TOTP_COLUMNS, iter(devices), len(devices))


def _cpr(rng, used: set[str], today) -> str:
    """A valid-looking CPR number of someone aged 18-66: a real date (day 1-28), the century
    digit that fits the year, so python-stdnum accepts it (the tests check that)."""
    while True:
        year = rng.randint(today.year - 66, today.year - 18)
        month, day = rng.randint(1, 12), rng.randint(1, 28)
        century = "4" if year >= 2000 else rng.choice("0123")
        serial = f"{century}{rng.randint(0, 999):03d}"
        number = f"{day:02d}{month:02d}{year % 100:02d}{serial}"
        if number not in used:
            used.add(number)
            return number


def citizens(ctx: Context) -> None:
    """Citizen users, then their profiles (CPR encrypted as the model's field does it)."""
    ctx.citizen_base = ctx.ids("citizens_citizen")
    total = ctx.sizes.totals["citizens"]
    index = 0
    for info, size in zip(ctx.centres, ctx.sizes.centres, strict=True):
        info.first_citizen, info.citizens = index, size.citizens
        rng = ctx.rng("citizens", info.number)
        pool = info.job_consultants
        home_weights = [1.0 / (1 + h) for h in range(len(info.homes))]
        cum = []
        acc = 0.0
        for w in home_weights:
            acc += w
            cum.append(acc)
        for n in range(size.citizens):
            ctx.c_centre.append(info.index)
            ctx.c_consultant.append(0 if rng.random() < 0.08 else pool[n % len(pool)])
            days_ago = min(HISTORY_DAYS - 1, 7 + int(rng.expovariate(1 / 210)))
            ctx.c_registered.append(HISTORY_DAYS - days_ago)
            benefit = 0 if rng.random() < 0.55 else (1 if rng.random() < 0.9 else 2)
            ctx.c_benefit.append(benefit)
            ready = 0.45 if benefit == 1 else 0.1
            ctx.c_group.append(1 if rng.random() < ready else 0)
            r = rng.random()
            ctx.c_kind.append(0 if r < 0.55 else 1 if r < 0.75 else 2 if r < 0.97 else 3)
            ctx.c_occupation.append(rng.choice(ctx.occupation_ids))
            ctx.c_postcode.append(rng.choices(range(len(info.homes)), cum_weights=cum)[0])
            index += 1
    ctx.c_bookings.extend([0] * index)
    ctx.write("accounts_user", USER_COLUMNS, _citizen_users(ctx), total)
    ctx.write("citizens_citizen", CITIZEN_COLUMNS, _citizen_rows(ctx), total)


def _citizen_users(ctx: Context):
    for info in ctx.centres:
        rng = ctx.rng("citizen-users", info.number)
        for n in range(info.citizens):
            i = info.first_citizen + n
            username = f"c{info.number}-borger{n + 1}"
            yield (
                ctx.user_base_citizens + i,
                ctx.password,
                None,
                False,
                username,
                f"{username}@borger.example",
                False,
                True,
                ctx.moment(ctx.c_registered[i], 9 * 60),
                name(rng),
                Role.CITIZEN.value,
                info.id,
                None,
            )


CITIZEN_COLUMNS = [
    "id",
    "user_id",
    "job_centre_id",
    "public_id",
    "cpr",
    "cpr_hash",
    "benefit_type",
    "target_group",
    "registered_on",
    "needs_it_support",
    "needs_language_support",
    "needs_reading_support",
    "needs_interpreter",
    "mobile",
    "postcode",
    "travel_radius_km",
    "self_booking_exempt",
    "self_booking_exemption_reason",
    "responsible_consultant_id",
    "created_at",
    "updated_at",
]
BENEFITS = ["dagpenge", "kontanthjaelp", "other"]
GROUPS = ["jobparat", "aktivitetsparat"]
EXEMPTIONS = ["it_skills", "language", "disability", "interpreter", "other"]


def _citizen_rows(ctx: Context):
    used: set[str] = set()
    for info in ctx.centres:
        rng = ctx.rng("citizen-rows", info.number)
        for n in range(info.citizens):
            i = info.first_citizen + n
            cpr = _cpr(rng, used, ctx.today)
            ready = ctx.c_group[i] == 1
            language = rng.random() < (0.25 if ready else 0.1)
            exempt = rng.random() < (0.2 if ready else 0.03)
            registered = ctx.moment(ctx.c_registered[i], 10 * 60)
            yield (
                ctx.citizen_base + i,
                ctx.user_base_citizens + i,
                info.id,
                ctx.uuid_from(rng),
                encrypt(cpr),
                keyed_hash(cpr),
                BENEFITS[ctx.c_benefit[i]],
                GROUPS[ctx.c_group[i]],
                ctx.day(ctx.c_registered[i]),
                rng.random() < (0.3 if ready else 0.08),
                language,
                rng.random() < 0.06,
                language and rng.random() < 0.3,
                f"+452{rng.randint(0, 9_999_999):07d}" if rng.random() < 0.9 else "",
                info.homes[ctx.c_postcode[i]][0],
                rng.choice((10, 20, 30, 50)) if rng.random() < 0.15 else None,
                exempt,
                rng.choice(EXEMPTIONS) if exempt else "",
                ctx.c_consultant[i] or None,
                registered,
                registered,
            )
