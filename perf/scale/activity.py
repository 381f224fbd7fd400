"""The big tables: the Joblog (skewed: most citizens search steadily, some have stopped, a few
are exempt), the CV and its sections, and the lookup log. Rows stream out citizen by citizen;
per-row work is a handful of draws from precomputed tables."""

from bisect import bisect
from datetime import timedelta

from joblog.demo import EMPLOYERS, NOTES, RECRUITERS, TITLE_SUFFIXES

from .booking import allocate
from .context import HISTORY_DAYS, Context

ACTIVITIES = [
    ("application", 62),
    ("unsolicited", 14),
    ("interview", 6),
    ("company_contact", 8),
    ("job_fair", 2),
    ("network", 4),
    ("recruiter", 4),
]
CHANNELS = {
    "application": ["job_ad", "jobnet", "job_ad", "job_centre"],
    "unsolicited": ["unsolicited", "network"],
    "interview": ["job_ad", "network"],
    "company_contact": ["unsolicited", "network", "job_centre"],
    "job_fair": ["other"],
    "network": ["network"],
    "recruiter": ["recruiter"],
}
#: (status, weight) for entries older and younger than four weeks.
OLD_STATUSES = [("rejected", 45), ("no_answer", 38), ("interview", 12), ("sent", 4), ("hired", 1)]
NEW_STATUSES = [
    ("sent", 60),
    ("planned", 15),
    ("no_answer", 10),
    ("rejected", 10),
    ("interview", 5),
]
PLANS = ["A"] * 12 + ["B"] * 5 + ["C"] * 2 + [""]
LOCAL_EMPLOYERS = [
    "Lager A/S",
    "Plejecenter",
    "Transport ApS",
    "Bageri",
    "Rengøring ApS",
    "Kantine",
]
#: How much each kind of Joblog user writes, relative to an active one.
KIND_WEIGHTS = [1.0, 0.3, 0.05, 0.0]

JOBLOG_COLUMNS = [
    "id",
    "citizen_id",
    "activity",
    "occupation_id",
    "job_title",
    "employer",
    "postcode",
    "town",
    "date",
    "channel",
    "status",
    "ad_url",
    "notes",
    "plan",
    "created_at",
    "updated_at",
]


def _cum(pairs):
    values, cum, acc = [], [], 0
    for value, weight in pairs:
        acc += weight
        values.append(value)
        cum.append(acc)
    return values, cum


def joblog(ctx: Context) -> None:
    rng = ctx.rng("joblog-counts")
    weights = []
    for i in range(len(ctx.c_centre)):
        kind = ctx.c_kind[i]
        days = HISTORY_DAYS - ctx.c_registered[i]
        group = 0.4 if ctx.c_group[i] == 1 else 1.0
        weights.append(days * KIND_WEIGHTS[kind] * group * rng.lognormvariate(0, 0.6))
    counts = allocate(ctx.sizes.totals["joblog"], weights)
    ctx.write("joblog_joblogentry", JOBLOG_COLUMNS, _joblog_rows(ctx, counts), sum(counts))
    exempt = [i for i in range(len(ctx.c_centre)) if ctx.c_kind[i] == 3]
    base = ctx.ids("joblog_joblogexemption")
    ctx.write(
        "joblog_joblogexemption",
        [
            "id",
            "first_day",
            "last_day",
            "reason",
            "documentation",
            "created_at",
            "citizen_id",
            "created_by_id",
        ],
        (
            (
                base + n,
                ctx.day(ctx.c_registered[i] + 5),
                None,
                "Deltager i virksomhedspraktik på fuld tid",
                "Praktikstedet bekræfter fremmødet hver måned",
                ctx.moment(ctx.c_registered[i] + 5, 12 * 60),
                ctx.citizen_base + i,
                _staff_for(ctx, i),
            )
            for n, i in enumerate(exempt)
        ),
        len(exempt),
    )


def _staff_for(ctx: Context, i: int) -> int:
    info = ctx.centres[ctx.c_centre[i]]
    return ctx.c_consultant[i] or info.job_consultants[0]


def _templates(rng, employers: list[str], homes: list[tuple[str, str]], count: int = 4096):
    """`count` ready-made entries for one centre (what was done, where, how, how it went):
    each row then costs one random number instead of ten draws."""
    activities, activity_cum = _cum(ACTIVITIES)
    old_statuses, old_cum = _cum(OLD_STATUSES)
    new_statuses, new_cum = _cum(NEW_STATUSES)
    out = []
    for _ in range(count):
        activity = rng.choices(activities, cum_weights=activity_cum)[0]
        channel = rng.choice(CHANNELS[activity])
        employer = rng.choice(RECRUITERS) if activity == "recruiter" else rng.choice(employers)
        code, town = homes[int(rng.random() * rng.random() * len(homes))]
        out.append(
            (
                activity,
                employer,
                code,
                town,
                channel,
                rng.choice(NOTES),
                rng.choice(PLANS),
                rng.choices(old_statuses, cum_weights=old_cum)[0],
                rng.choices(new_statuses, cum_weights=new_cum)[0],
                f"https://job.example/annonce/{rng.randint(100_000, 999_999)}"
                if channel == "job_ad"
                else "",
            )
        )
    return out


def _joblog_rows(ctx: Context, counts: list[int]):
    next_id = ctx.ids("joblog_joblogentry")
    today = HISTORY_DAYS
    recent = today - 28
    day_objs = [ctx.day(d) for d in range(today + 1)]
    moments = [[ctx.moment(d, 600 + 15 * q) for q in range(32)] for d in range(today + 1)]
    titles = {
        pk: [title + TITLE_SUFFIXES[q % len(TITLE_SUFFIXES)] for q in range(8)]
        for pk, title in ctx.occupations
    }
    for info in ctx.centres:
        rng = ctx.rng("joblog", info.number)
        rand, bits = rng.random, rng.getrandbits
        employers = EMPLOYERS + [
            f"{town} {kind}" for _, town in info.homes[:6] for kind in LOCAL_EMPLOYERS
        ]
        templates = _templates(rng, employers, info.homes)
        for n in range(info.citizens):
            i = info.first_citizen + n
            k = counts[i]
            if not k:
                continue
            citizen_id = ctx.citizen_base + i
            main = ctx.c_occupation[i]
            occupations = [main, main, *ctx.related[main][:3]]
            spread = len(occupations)
            first = ctx.c_registered[i]
            last = today if ctx.c_kind[i] != 2 else first + max(1, (today - first) * 2 // 5)
            span = last - first + 1
            for day in sorted([first + int(rand() * span) for _ in range(k)]):
                b = bits(32)
                t = templates[b & 4095]
                occupation = occupations[(b >> 12) % spread]
                at = moments[day][(b >> 20) & 31]
                yield (
                    next_id,
                    citizen_id,
                    t[0],
                    occupation,
                    titles[occupation][(b >> 25) & 7],
                    t[1],
                    t[2],
                    t[3],
                    day_objs[day],
                    t[4],
                    t[8] if day >= recent else t[7],
                    t[9],
                    t[5],
                    t[6],
                    at,
                    at,
                )
                next_id += 1


# --- CV

LANGUAGES = [
    ("Dansk", "native"),
    ("Engelsk", "good"),
    ("Tysk", "basic"),
    ("Arabisk", "native"),
    ("Polsk", "native"),
    ("Tyrkisk", "fluent"),
    ("Svensk", "good"),
]
EDUCATIONS = [
    ("Folkeskolens afgangsprøve", "Folkeskolen", False),
    ("Lager- og terminaluddannelsen", "Tradium", True),
    ("Social- og sundhedshjælper", "SOSU Østjylland", True),
    ("Detailhandelsuddannelsen", "Business College Syd", True),
    ("HF", "VUC", True),
    ("Kontoruddannelsen", "Niels Brock", True),
    ("Erhvervsuddannelse, tømrer", "TEC", True),
]
COURSES = [
    ("Truckcertifikat B", "AMU"),
    ("Førstehjælp", "Dansk Førstehjælpsråd"),
    ("Hygiejnebevis", "AMU"),
    ("ADR-bevis", "AMU"),
    ("Excel for begyndere", "VUC"),
]
PROFILES = [
    "Jeg er mødestabil og vant til at arbejde i højt tempo, også i skiftehold.",
    "Jeg holder af at hjælpe andre og er rolig i travle situationer.",
    "Jeg er udadvendt, god til kunder og vant til at have ansvar.",
    "",
]


def cv(ctx: Context) -> None:
    """One CV for most citizens; the sections share what is left of the CV-row budget."""
    rng = ctx.rng("cv-counts")
    has_cv = [i for i in range(len(ctx.c_centre)) if ctx.c_kind[i] != 3 and rng.random() < 0.94]
    budget = max(0, ctx.sizes.totals["cv_rows"] - len(has_cv))
    items = allocate(budget, [rng.lognormvariate(0, 0.4) for _ in has_cv])
    ctx.cv_base = ctx.ids("cv_cv")
    ctx.write(
        "cv_cv",
        [
            "id",
            "profile_text",
            "other_skills",
            "driving_licences",
            "visible_to_employers",
            "created_at",
            "updated_at",
            "citizen_id",
        ],
        _cv_rows(ctx, has_cv),
        len(has_cv),
    )
    plans = [_sections(ctx, i, k) for i, k in zip(has_cv, items, strict=True)]
    tables = [
        (
            "cv_soughtoccupation",
            ["id", "cv_id", "occupation_id", "years_experience", "has_education", "created_at"],
            _sought,
        ),
        (
            "cv_workexperience",
            [
                "id",
                "cv_id",
                "job_title",
                "employer",
                "occupation_id",
                "started_on",
                "ended_on",
                "description",
            ],
            _work,
        ),
        (
            "cv_education",
            ["id", "cv_id", "title", "institution", "started_on", "ended_on", "completed"],
            _education,
        ),
        ("cv_cvskill", ["id", "cv_id", "skill_id"], _skills),
        ("cv_language", ["id", "cv_id", "name", "level"], _languages),
        ("cv_course", ["id", "cv_id", "name", "issuer", "completed_on", "expires_on"], _courses),
    ]
    for section, (table, columns, make) in enumerate(tables):
        total = sum(p[section] for p in plans)
        ctx.write(table, columns, make(ctx, has_cv, plans, section, table), total)


def _cv_rows(ctx: Context, has_cv: list[int]):
    rng = ctx.rng("cv")
    for n, i in enumerate(has_cv):
        at = ctx.moment(ctx.c_registered[i] + 2, 14 * 60)
        licence = '["B"]' if rng.random() < 0.6 else "[]"
        yield (
            ctx.cv_base + n,
            rng.choice(PROFILES),
            "",
            licence,
            rng.random() < 0.4,
            at,
            at,
            ctx.citizen_base + i,
        )


def _sections(ctx: Context, i: int, k: int) -> tuple[int, int, int, int, int, int]:
    """How many rows of each section one CV has, summing to k where the caps allow."""
    main = ctx.c_occupation[i]
    sought = min(1 + len(ctx.related[main][:2]), max(1, round(k * 0.2))) if k else 0
    skills = min(len(ctx.skills), round(k * 0.2))
    languages = min(len(LANGUAGES), max(1, round(k * 0.12))) if k - sought > 0 else 0
    education = round(k * 0.12)
    courses = round(k * 0.1)
    work = max(0, k - sought - skills - languages - education - courses)
    return sought, work, education, skills, languages, courses


def _section_rng(ctx: Context, table: str):
    return ctx.rng("cv", table)


def _sought(ctx, has_cv, plans, section, table):
    rng, next_id = _section_rng(ctx, table), ctx.ids(table)
    for n, i in enumerate(has_cv):
        main = ctx.c_occupation[i]
        chosen = [main, *ctx.related[main][:2]][: plans[n][section]]
        at = ctx.moment(ctx.c_registered[i] + 2, 14 * 60)
        for occupation in chosen:
            yield (next_id, ctx.cv_base + n, occupation, rng.randint(0, 15), rng.random() < 0.4, at)
            next_id += 1


def _work(ctx, has_cv, plans, section, table):
    rng, next_id = _section_rng(ctx, table), ctx.ids(table)
    for n, i in enumerate(has_cv):
        main = ctx.c_occupation[i]
        end = ctx.day(max(0, ctx.c_registered[i] - 1))
        for _ in range(plans[n][section]):
            start = end - timedelta(days=rng.randint(120, 2000))
            occupation = rng.choice([main, *ctx.related[main][:2]])
            yield (
                next_id,
                ctx.cv_base + n,
                ctx.occupation_title[occupation],
                rng.choice(EMPLOYERS),
                occupation,
                start,
                end,
                "",
            )
            next_id += 1
            end = start - timedelta(days=rng.randint(10, 200))


def _education(ctx, has_cv, plans, section, table):
    rng, next_id = _section_rng(ctx, table), ctx.ids(table)
    for n, _ in enumerate(has_cv):
        for _ in range(plans[n][section]):
            title, school, completed = rng.choice(EDUCATIONS)
            start = ctx.first_day - timedelta(days=rng.randint(800, 9000))
            yield (
                next_id,
                ctx.cv_base + n,
                title,
                school,
                start,
                start + timedelta(days=rng.randint(300, 1200)),
                completed,
            )
            next_id += 1


def _skills(ctx, has_cv, plans, section, table):
    rng, next_id = _section_rng(ctx, table), ctx.ids(table)
    all_skills = [pk for pk, _ in ctx.skills]
    for n, i in enumerate(has_cv):
        wanted = plans[n][section]
        if not wanted:
            continue
        first = ctx.skills_of[ctx.c_occupation[i]][:wanted]
        rest = [s for s in rng.sample(all_skills, wanted) if s not in first]
        for skill in (first + rest)[:wanted]:
            yield (next_id, ctx.cv_base + n, skill)
            next_id += 1


def _languages(ctx, has_cv, plans, section, table):
    rng, next_id = _section_rng(ctx, table), ctx.ids(table)
    for n, _ in enumerate(has_cv):
        wanted = plans[n][section]
        chosen = LANGUAGES[:1] + rng.sample(LANGUAGES[1:], max(0, wanted - 1))
        for name, level in chosen[:wanted]:
            yield (next_id, ctx.cv_base + n, name, level)
            next_id += 1


def _courses(ctx, has_cv, plans, section, table):
    rng, next_id = _section_rng(ctx, table), ctx.ids(table)
    for n, i in enumerate(has_cv):
        for _ in range(plans[n][section]):
            name, issuer = rng.choice(COURSES)
            done = ctx.day(max(0, ctx.c_registered[i] - rng.randint(30, 3000)))
            yield (
                next_id,
                ctx.cv_base + n,
                name,
                issuer,
                done,
                done + timedelta(days=1825) if rng.random() < 0.3 else None,
            )
            next_id += 1


# --- The lookup log

LOOKUPS = [
    ("preparation", "preparation", 30),
    ("conversation", "conversation", 20),
    ("profile", "casework", 15),
    ("joblog", "follow_up", 12),
    ("cv", "casework", 8),
    ("plan", "follow_up", 8),
    ("bookings", "casework", 5),
    ("matching", "matching", 2),
]


def lookups(ctx: Context) -> None:
    rng = ctx.rng("lookup-counts")
    weights = [
        (1 + ctx.c_bookings[i])
        * (HISTORY_DAYS - ctx.c_registered[i]) ** 0.5
        * rng.lognormvariate(0, 0.3)
        for i in range(len(ctx.c_centre))
    ]
    counts = allocate(ctx.sizes.totals["lookups"], weights)
    ctx.write(
        "audit_lookuplog",
        [
            "id",
            "created_at",
            "actor_role",
            "subject",
            "purpose",
            "actor_id",
            "citizen_id",
            "job_centre_id",
        ],
        _lookup_rows(ctx, counts),
        sum(counts),
    )


def _lookup_rows(ctx: Context, counts: list[int]):
    next_id = ctx.ids("audit_lookuplog")
    kinds, cum = _cum([((s, p), w) for s, p, w in LOOKUPS])
    pool = [kinds[min(len(kinds) - 1, bisect(cum, x))] for x in range(cum[-1])]
    moments = [[ctx.moment(d, 480 + 15 * q) for q in range(32)] for d in range(HISTORY_DAYS)]
    for info in ctx.centres:
        rng = ctx.rng("lookups", info.number)
        rand, bits = rng.random, rng.getrandbits
        others = [(u, "job_consultant") for u in info.job_consultants]
        others += [(u, "team_leader") for u in info.team_leaders]
        others += [(u, "business_consultant") for u in info.business]
        n_others, n_pool = len(others), len(pool)
        for n in range(info.citizens):
            i = info.first_citizen + n
            k = counts[i]
            if not k:
                continue
            own = ctx.c_consultant[i]
            citizen_id = ctx.citizen_base + i
            first = ctx.c_registered[i]
            span = HISTORY_DAYS - first
            for _ in range(k):
                b = bits(32)
                if own and (b & 3):
                    actor, role = own, "job_consultant"
                else:
                    actor, role = others[(b >> 2) % n_others]
                subject, purpose = pool[(b >> 12) % n_pool]
                day = first + int(rand() * span)
                yield (
                    next_id,
                    moments[day][(b >> 22) & 31],
                    role,
                    subject,
                    purpose,
                    actor,
                    citizen_id,
                    info.id,
                )
                next_id += 1
