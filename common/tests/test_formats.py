from datetime import date, datetime
from zoneinfo import ZoneInfo

from django.template import Context, Template
from django.utils import translation


def render(source: str, **context) -> str:
    return Template("{% load l10n humanize %}" + source).render(Context(context))


def test_dates_and_numbers_print_the_danish_way():
    with translation.override("da"):
        assert render("{{ d|date:'SHORT_DATE_FORMAT' }}", d=date(2026, 11, 23)) == "23.11.2026"
        assert render("{{ d|date:'DATE_FORMAT' }}", d=date(2026, 11, 23)) == "23. november 2026"
        assert render("{{ n }}", n=1234567.5) == "1234567,5"  # ids and attributes stay plain
        assert render("{{ n|intcomma }}", n=1234567) == "1.234.567"  # counts shown to people
        moment = datetime(2026, 11, 23, 14, 5, tzinfo=ZoneInfo("Europe/Copenhagen"))
        assert render("{{ t|date:'SHORT_DATETIME_FORMAT' }}", t=moment) == "23.11.2026 14.05"


def test_english_keeps_its_own_formats():
    with translation.override("en"):
        assert render("{{ n|intcomma }}", n=1234567.5) == "1,234,567.5"


def test_templates_print_short_months_the_danish_way():
    """decisions.md: abbreviated months with `N` ("9. nov. 2026"); `M` prints "Nov" and `b`
    "nov" without the full stop."""
    import re
    from pathlib import Path

    from django.conf import settings

    root = Path(settings.BASE_DIR)
    skip = {".venv", "node_modules", "var", "static"}
    date_format = re.compile(r"""\|\s*date\(\s*["']([^"']*)["']""")
    found = [
        f"{path.relative_to(root)}: {fmt}"
        for path in root.rglob("jinja2/**/*.html")
        if not skip & set(path.relative_to(root).parts)
        for fmt in date_format.findall(path.read_text(encoding="utf-8"))
        if not fmt.isupper() and re.search(r"(?<!\\)[Mb]", fmt)
    ]
    assert not found, found
