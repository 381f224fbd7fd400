"""One way to render: Jinja2 templates, and no HTML built in Python (issue 23)."""

import re
from pathlib import Path

from django.conf import settings
from django.template import engines
from django.template.loader import get_template

ROOT = Path(settings.BASE_DIR)
#: Template helpers (`<app>/templating.py`) exist to put markup on a page: a template's or a
#: library's (the QR code).
MARKUP_HELPERS = "templating.py"
SKIP_PARTS = {".venv", "node_modules", "var", "tests", "migrations", "perf", "static"}
HTML_IN_PYTHON = re.compile(
    r"""\bmark_safe\(|\bformat_html\(|\bSafeString\(|\bMarkup\(|["']\s*<(?:div|span|a|p|li|ul|ol|"""
    r"""option|select|input|svg|br|strong|em|table|tr|td|th|h[1-6]|label|form|button)[\s>/]"""
)


def product_python() -> list[Path]:
    return [
        path for path in ROOT.rglob("*.py") if not SKIP_PARTS & set(path.relative_to(ROOT).parts)
    ]


def test_no_html_is_built_in_python_strings():
    found = [
        f"{path.relative_to(ROOT)}:{number}: {line.strip()}"
        for path in product_python()
        if path.name != MARKUP_HELPERS
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if HTML_IN_PYTHON.search(line)
    ]
    assert not found, found


def test_every_product_template_is_jinja2():
    """One template language: no template of ours is in Django's; each compiles in Jinja2."""
    assert not [p for p in ROOT.rglob("templates/**/*.html") if not SKIP_PARTS & set(p.parts)]
    templates = [
        path
        for path in ROOT.rglob("jinja2/**/*.html")
        if not SKIP_PARTS & set(path.relative_to(ROOT).parts)
    ]
    assert len(templates) > 250
    jinja = engines["jinja2"]
    for path in templates:
        name = str(path).split("/jinja2/", 1)[1]
        assert get_template(name).backend is jinja, name


def test_the_form_renderer_draws_through_jinja2(rf):
    from django import forms

    from common.forms import Form

    class Example(Form):
        email = forms.EmailField(label="E-mail")

    form = Example(data={"email": "ikke en e-mail"})
    html = str(form)
    assert 'class="form-group form-error"' in html
    assert 'data-module="error-summary"' in html
    # The message names its field, so the summary's link is the message alone.
    assert '<a class="function-link" href="#id_email">Skriv e-mail som en e-mailadresse' in html


def test_compiled_templates_are_never_evicted():
    """The template cache is unbounded: with more templates than Jinja2's default 400, a busy
    server would otherwise recompile pages it had evicted."""
    environment = engines["jinja2"].env
    assert isinstance(environment.cache, dict)
