"""The guides for citizens, as data: a short why, then steps a person can follow on a phone.

The texts are the same everywhere; what differs per job centre is read live where a guide
shows it (phone, e-mail, opening hours, the help places with their hours) and the centre's own
note at the end of each guide (`GuideNote`). Write plain Danish: short sentences, LIX <= 35
(guidance/tests/test_plain_language.py measures the Danish text)."""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Guide:
    slug: str
    title: Promise
    lead: tuple[Promise, ...]
    steps: tuple[Promise, ...]
    image: str  # a drawing of our own under static/
    alt: Promise
    tip: Promise | None = None
    tool: str | None = None  # the URL name of the page the guide is about
    tool_label: Promise | None = None
    contact: bool = False  # shows the centre's phone, e-mail, hours and help places

    def texts(self) -> list[Promise]:
        """Every sentence the guide says, for the plain-language check."""
        extra = [t for t in (self.tip, self.tool_label) if t]
        return [self.title, *self.lead, *self.steps, self.alt, *extra]


GUIDES = (
    Guide(
        slug="selvbooking",
        title=_("How to book a conversation"),
        lead=(
            _("You choose the time and topic of your conversation yourself."),
            _("Then the time suits you. And you can prepare for what you want to talk about."),
        ),
        steps=(
            _("Log in and choose “My conversations” in the menu."),
            _("Tap “Book a conversation”."),
            _("Choose a topic. The topic is what you want to talk about."),
            _("Choose a day and a time that suit you."),
            _("Check that everything is right. Then confirm your time."),
            _("You get a receipt. It says where and how you meet."),
        ),
        tip=_(
            "Have you been given a deadline? Then book before it. "
            "You can move the time if you need to."
        ),
        image="img/guidance/booking.svg",
        alt=_("A phone showing a calendar with a chosen time"),
        tool="booking:list",
        tool_label=_("Go to your conversations"),
    ),
    Guide(
        slug="joblog",
        title=_("What the Joblog is for"),
        lead=(
            _("The Joblog is your own overview of your job search."),
            _("Here you see what you have done. And what you want to do next."),
            _(
                "The Joblog also shows the job centre that you are looking for work. "
                "But first of all it is for you."
            ),
        ),
        steps=(
            _("Choose “Joblog” in the menu."),
            _("Write each application and contact. Do it right away."),
            _("Write briefly what you did and when."),
            _("Also write job interviews, job fairs and talks with people you know."),
            _("Look at your overview. What works? What do you want to try next?"),
            _("Your Joblog is where your conversation with us starts."),
        ),
        image="img/guidance/joblog.svg",
        alt=_("A list with ticks for each application"),
        tool="joblog:list",
        tool_label=_("Go to your Joblog"),
    ),
    Guide(
        slug="jobforslag",
        title=_("Job suggestions every week"),
        lead=(
            _("Every week you get suggestions for jobs that fit your CV."),
            _("You check them before a deadline. Then we know you have seen them."),
        ),
        steps=(
            _("Choose “Job suggestions” in the menu."),
            _("Read each suggestion. Tap it to see more."),
            _("Answer each suggestion: do you want to apply or not?"),
            _("Feel free to say why. Then next week's suggestions fit better."),
            _("Apply for the jobs you want. Write them in your Joblog."),
            _("Check the suggestions every week. The page shows your deadline."),
        ),
        image="img/guidance/suggestions.svg",
        alt=_("Cards with jobs, one marked with a star"),
        tool="suggestions:own",
        tool_label=_("See your job suggestions"),
    ),
    Guide(
        slug="cv",
        title=_("Your CV"),
        lead=(_("Your CV shows what you can do. We use it to find jobs for you."),),
        steps=(
            _("Choose “My CV” in the menu."),
            _("Write which jobs you are looking for. You can choose more than one."),
            _("Write the jobs you have had and your education."),
            _("Write what you are good at. Also what you have learnt in your free time."),
            _("See what is missing. The page shows how far you are."),
            _("Change your CV when something new happens."),
        ),
        image="img/guidance/cv.svg",
        alt=_("A sheet of paper with a photo and lines of text"),
        tool="cv:own",
        tool_label=_("Go to your CV"),
    ),
    Guide(
        slug="samtalen",
        title=_("What happens at the conversation"),
        lead=(
            _("The conversation is about your way to a job."),
            _("You choose the topic. Your job consultant coaches you along the way."),
        ),
        steps=(
            _("Before: think about your topic. What do you want to talk about?"),
            _("Look at your Joblog and your CV. Bring your questions."),
            _("First you agree on what you want to reach together."),
            _("You talk about how your job search is going."),
            _("You give your ideas first. Then your consultant gives theirs."),
            _("At the end you say what you have agreed. The agreements are in “My plan”."),
        ),
        tip=_("At the end we ask how the conversation went for you. Say it as it is."),
        image="img/guidance/conversation.svg",
        alt=_("Two people talking at a table"),
        tool="booking:list",
        tool_label=_("See your conversations"),
    ),
    Guide(
        slug="hjaelp",
        title=_("Where to get help"),
        lead=(
            _("Is it hard to use the digital tools? Then you can get help."),
            _("You can call, write or come by."),
        ),
        steps=(
            _("Call the job centre. The number is here and at the bottom of every page."),
            _("Or write an e-mail if you prefer."),
            _("Or come by one of the places below. See when they are open."),
            _("Bring your phone and your MitID. Then you can log in."),
            _("You click yourself. We help you find your way."),
        ),
        image="img/guidance/help.svg",
        alt=_("A phone and a speech bubble with a question mark"),
        contact=True,
    ),
)

BY_SLUG = {guide.slug: guide for guide in GUIDES}
