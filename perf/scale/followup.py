"""What hangs off the held conversations: the journal note (and, for the recent ones, the
guide's notes), the citizen's plan (Min Plan with A/B/C, agreements, homework and history) and
the evaluations, stored apart from the conversation as the evaluations app requires."""

from datetime import timedelta

from conversations.demo import AGREEMENTS as CONVERSATION_AGREEMENTS
from conversations.demo import AMENDMENTS, NOTES
from conversations.demo import HOMEWORK as CONVERSATION_HOMEWORK
from conversations.models import NoteField
from evaluations.demo import CRITIQUE, PRAISE, SCORES
from plans.demo import AGREEMENTS, GEOGRAPHY, GOALS, HOMEWORK, STRATEGIES

from .context import Context

#: Held conversations this recent also have the guide's notes (the guide is new).
GUIDED_DAYS = 120
GUIDE_FIELDS = [
    NoteField.PURPOSE,
    NoteField.AGENDA,
    NoteField.STATUS,
    NoteField.CITIZEN_IDEAS,
    NoteField.SUMMARY,
    NoteField.NEXT_STEP,
]


def _fill(text: str, ctx: Context, i: int, rng) -> str:
    title = ctx.occupation_title[ctx.c_occupation[i]]
    related = ctx.related[ctx.c_occupation[i]]
    other = ctx.occupation_title[rng.choice(related)] if related else title
    return text.replace("{a}", title.lower()).replace("{b}", other.lower())


def conversations(ctx: Context) -> None:
    held = len(ctx.h_id)
    note_base = ctx.ids("conversations_journalnote")
    ctx.write(
        "conversations_journalnote",
        [
            "id",
            "booking_id",
            "text",
            "version",
            "author_id",
            "created_at",
            "updated_at",
            "updated_by_id",
            "finalised_at",
            "finalised_by_id",
        ],
        _journal_notes(ctx, note_base),
        held,
    )
    ctx.write(
        "conversations_journalamendment",
        ["id", "note_id", "text", "author_id", "created_at"],
        _amendments(ctx, note_base),
    )
    guided = _guided(ctx)
    guide_base = ctx.ids("conversations_guide")
    ctx.write(
        "conversations_guide",
        ["id", "booking_id", "started_at", "started_by_id", "finished_at"],
        (
            (
                guide_base + n,
                ctx.h_id[h],
                ctx.slots[ctx.h_slot[h]],
                ctx.h_consultant[h],
                ctx.slots[ctx.h_slot[h]] + timedelta(minutes=40),
            )
            for n, h in enumerate(guided)
        ),
        len(guided),
    )
    ctx.write(
        "conversations_guidenote",
        ["id", "guide_id", "field", "text", "version", "updated_at", "updated_by_id"],
        _guide_notes(ctx, guided, guide_base),
        len(guided) * len(GUIDE_FIELDS),
    )


def _guided(ctx: Context) -> list[int]:
    since = ctx.now - timedelta(days=GUIDED_DAYS)
    return [h for h in range(len(ctx.h_id)) if ctx.slots[ctx.h_slot[h]] >= since]


def _journal_notes(ctx: Context, base: int):
    rng = ctx.rng("journal")
    draft_after = ctx.now - timedelta(days=2)
    for h in range(len(ctx.h_id)):
        start = ctx.slots[ctx.h_slot[h]]
        consultant = ctx.h_consultant[h]
        i = ctx.h_citizen[h]
        text = " ".join(
            (
                rng.choice(NOTES[NoteField.STATUS]),
                _fill(rng.choice(CONVERSATION_AGREEMENTS), ctx, i, rng),
                rng.choice(NOTES[NoteField.NEXT_STEP]),
            )
        )
        written = start + timedelta(minutes=50)
        final = start < draft_after or rng.random() < 0.5
        yield (
            base + h,
            ctx.h_id[h],
            text,
            1,
            consultant,
            written,
            written,
            consultant,
            written + timedelta(minutes=5) if final else None,
            consultant if final else None,
        )


def _amendments(ctx: Context, base: int):
    rng = ctx.rng("amendments")
    next_id = ctx.ids("conversations_journalamendment")
    for h in range(len(ctx.h_id)):
        if rng.random() < 0.02:
            yield (
                next_id,
                base + h,
                rng.choice(AMENDMENTS),
                ctx.h_consultant[h],
                ctx.slots[ctx.h_slot[h]] + timedelta(days=1),
            )
            next_id += 1


def _guide_notes(ctx: Context, guided: list[int], base: int):
    rng = ctx.rng("guide-notes")
    next_id = ctx.ids("conversations_guidenote")
    for n, h in enumerate(guided):
        at = ctx.slots[ctx.h_slot[h]] + timedelta(minutes=30)
        for field in GUIDE_FIELDS:
            yield (
                next_id,
                base + n,
                field.value,
                rng.choice(NOTES[field]),
                1,
                at,
                ctx.h_consultant[h],
            )
            next_id += 1


def evaluations(ctx: Context) -> None:
    """About half the held conversations of the last year are answered. The answers are
    shuffled within each centre so no row order leads back to a conversation."""
    rng = ctx.rng("evaluations")
    since = ctx.now - timedelta(days=365)
    answered = [
        h for h in range(len(ctx.h_id)) if ctx.slots[ctx.h_slot[h]] >= since and rng.random() < 0.5
    ]
    receipt_base = ctx.ids("evaluations_evaluationreceipt")
    ctx.write(
        "evaluations_evaluationreceipt",
        ["id", "booking_id"],
        ((receipt_base + n, ctx.h_id[h]) for n, h in enumerate(answered)),
        len(answered),
    )
    ctx.write(
        "evaluations_evaluation",
        ["id", "job_centre_id", "team_id", "answered_on", "score", "words"],
        _evaluation_rows(ctx, answered),
        len(answered),
        numbered=False,
    )


def _evaluation_rows(ctx: Context, answered: list[int]):
    scores, weights = list(SCORES), list(SCORES.values())
    by_centre: dict[int, list[int]] = {}
    for h in answered:
        by_centre.setdefault(ctx.c_centre[ctx.h_citizen[h]], []).append(h)
    for index in sorted(by_centre):
        info = ctx.centres[index]
        rng = ctx.rng("evaluation-rows", info.number)
        rows = []
        for h in by_centre[index]:
            score = rng.choices(scores, weights)[0]
            words = ""
            if rng.random() < 0.25:
                words = rng.choice(PRAISE if score >= 7 else CRITIQUE)
            day = ctx.slots[ctx.h_slot[h]].date() + timedelta(days=rng.choice((0, 0, 1, 2, 5)))
            rows.append(
                (
                    ctx.uuid_from(rng),
                    info.id,
                    info.team_of.get(ctx.h_consultant[h]),
                    min(day, ctx.today),
                    score,
                    words,
                )
            )
        rng.shuffle(rows)
        yield from rows


# --- Min Plan


def plans(ctx: Context) -> None:
    n = len(ctx.c_centre)
    ctx.plan_base = ctx.ids("plans_plan")
    ctx.write(
        "plans_plan",
        [
            "id",
            "citizen_id",
            "job_goal",
            "strategy",
            "required_searches",
            "required_period_days",
            "geography",
            "channels",
            "next_contact",
            "approved_at",
            "version",
            "created_at",
            "updated_at",
        ],
        _plan_rows(ctx),
        n,
    )
    track_base = ctx.ids("plans_jobtrack")
    tracks: list[tuple[int, int]] = []  # (track id, occupation id) for the M2M
    ctx.write(
        "plans_jobtrack",
        ["id", "plan_id", "letter", "description", "widen_from", "set_at"],
        _track_rows(ctx, track_base, tracks),
    )
    link = ctx.ids("plans_jobtrack_occupations")
    ctx.write(
        "plans_jobtrack_occupations",
        ["id", "jobtrack_id", "occupation_id"],
        ((link + k, t, o) for k, (t, o) in enumerate(tracks)),
        len(tracks),
    )
    link = ctx.ids("plans_plan_required_occupations")
    ctx.write(
        "plans_plan_required_occupations",
        ["id", "plan_id", "occupation_id"],
        ((link + i, ctx.plan_base + i, ctx.c_occupation[i]) for i in range(n)),
        n,
    )
    ctx.write(
        "plans_agreement",
        ["id", "plan_id", "text", "created_by_id", "created_at", "conversation_id"],
        _agreements(ctx),
    )
    ctx.write(
        "plans_homework",
        [
            "id",
            "plan_id",
            "title",
            "description",
            "due",
            "done_at",
            "done_note",
            "created_by_id",
            "created_at",
            "conversation_id",
        ],
        _homework(ctx),
    )
    ctx.write(
        "plans_planchange",
        ["id", "plan_id", "changed_by_id", "changed_at", "summary"],
        _changes(ctx),
    )


def _plan_rows(ctx: Context):
    rng = ctx.rng("plans")
    for i in range(len(ctx.c_centre)):
        created = ctx.moment(ctx.c_registered[i] + 3, 11 * 60)
        approved = created + timedelta(days=1) if rng.random() < 0.7 else None
        yield (
            ctx.plan_base + i,
            ctx.citizen_base + i,
            _fill(rng.choice(GOALS), ctx, i, rng),
            rng.choice(STRATEGIES),
            6 if ctx.c_group[i] == 0 else 2,
            28,
            rng.choice(GEOGRAPHY),
            '["job_ad", "unsolicited", "network"]',
            ctx.today + timedelta(days=rng.randint(7, 60)),
            approved,
            1 + rng.randint(0, 4),
            created,
            created,
        )


def _track_rows(ctx: Context, base: int, tracks: list[tuple[int, int]]):
    rng = ctx.rng("tracks")
    next_id = base
    for i in range(len(ctx.c_centre)):
        main = ctx.c_occupation[i]
        related = ctx.related[main] or [main]
        letters = ["A"] + (["B"] if rng.random() < 0.6 else [])
        if len(letters) == 2 and rng.random() < 0.5:
            letters.append("C")
        for letter in letters:
            occupation = main if letter == "A" else rng.choice(related)
            tracks.append((next_id, occupation))
            set_at = ctx.day(min(ctx.c_registered[i] + 3, len(ctx.first_slot_on) - 50))
            yield (
                next_id,
                ctx.plan_base + i,
                letter,
                "",
                set_at + timedelta(days=90) if letter != "C" and rng.random() < 0.3 else None,
                min(set_at, ctx.today),
            )
            next_id += 1


def _agreements(ctx: Context):
    rng = ctx.rng("agreements")
    next_id = ctx.ids("plans_agreement")
    texts = AGREEMENTS + CONVERSATION_AGREEMENTS
    for h in range(len(ctx.h_id)):
        if rng.random() < 0.4:
            i = ctx.h_citizen[h]
            yield (
                next_id,
                ctx.plan_base + i,
                _fill(rng.choice(texts), ctx, i, rng),
                ctx.h_consultant[h],
                ctx.slots[ctx.h_slot[h]] + timedelta(minutes=40),
                ctx.h_id[h],
            )
            next_id += 1


def _homework(ctx: Context):
    rng = ctx.rng("homework")
    next_id = ctx.ids("plans_homework")
    tasks = HOMEWORK + CONVERSATION_HOMEWORK
    for h in range(len(ctx.h_id)):
        if rng.random() < 0.25:
            i = ctx.h_citizen[h]
            title, description = rng.choice(tasks)
            at = ctx.slots[ctx.h_slot[h]] + timedelta(minutes=42)
            due = at.date() + timedelta(days=14)
            done = due < ctx.today and rng.random() < 0.7
            yield (
                next_id,
                ctx.plan_base + i,
                title,
                _fill(description, ctx, i, rng),
                due,
                at + timedelta(days=rng.randint(1, 13)) if done else None,
                "",
                ctx.h_consultant[h],
                at,
                ctx.h_id[h],
            )
            next_id += 1


def _changes(ctx: Context):
    rng = ctx.rng("plan-changes")
    next_id = ctx.ids("plans_planchange")
    summaries = ["Jobmål ændret", "Plan A opdateret", "Plan B tilføjet", "Strategi ændret"]
    for i in range(len(ctx.c_centre)):
        author = ctx.c_consultant[i] or ctx.user_base_citizens + i
        for _ in range(rng.randint(1, 3)):
            day = rng.randint(ctx.c_registered[i], len(ctx.first_slot_on) - 45)
            yield (
                next_id,
                ctx.plan_base + i,
                author,
                ctx.moment(day, 13 * 60),
                rng.choice(summaries),
            )
            next_id += 1
