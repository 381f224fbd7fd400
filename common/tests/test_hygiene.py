"""The input-hygiene layer (common.hygiene) as every form of the project meets it through
common.forms.Form and ModelForm."""

import contextlib
import json

import pytest
from django import forms

from common import hygiene
from common.forms import Form


class Everything(Form):
    name = forms.CharField(label="Navn", required=False)
    note = forms.CharField(label="Note", required=False, widget=forms.Textarea)
    day = forms.DateField(label="Dato", required=False)
    count = forms.IntegerField(label="Antal", required=False)
    amount = forms.FloatField(label="Beløb", required=False)


def errors(**data) -> dict:
    form = Everything(data)
    form.is_valid()
    return form.errors


def test_control_characters_are_refused_naming_the_field():
    found = errors(name="a\x00b", note="a\x1bb")
    assert "»Navn« indeholder et tegn" in found["name"][0]
    assert "»Note«" in found["note"][0]


def test_a_text_area_takes_tabs_and_line_breaks_a_line_does_not():
    assert not errors(note="en\tto\r\ntre")
    assert "name" in errors(name="en\nto")


def test_dates_are_bounded():
    assert not errors(day="2026-12-07")
    assert "day" in errors(day="9999-12-31")
    assert "day" in errors(day="1899-12-31")


def test_whole_numbers_are_bounded_by_a_column():
    assert not errors(count=str(hygiene.INT_MAX))
    assert "count" in errors(count=str(hygiene.INT_MAX + 1))
    assert "count" in errors(count="99999999999999999999")


def test_infinite_numbers_are_refused():
    assert "amount" in errors(amount="inf")
    assert "amount" in errors(amount="1e309")


def test_json_depth_and_numbers_are_bounded():
    assert hygiene.json_loads('{"a": [1, 2.5, "[[["]}') == {"a": [1, 2.5, "[[["]}
    with pytest.raises(hygiene.JSONProblem):
        hygiene.json_loads("[" * 65 + "]" * 65)
    for text in ("1e309", "NaN", "[-Infinity]"):
        with pytest.raises(hygiene.JSONProblem):
            hygiene.json_loads(text)
    with pytest.raises(json.JSONDecodeError):
        hygiene.json_loads("[1,")


def test_a_query_string_week_out_of_bounds_is_none():
    assert hygiene.query_date({"uge": "9999-W52"}, "uge", label="Uge") is None
    assert hygiene.query_date({"uge": "2026-W50"}, "uge", label="Uge").isoformat() == "2026-12-07"
    with pytest.raises(hygiene.BadQuery):
        hygiene.query_text({"q": "a\x00"}, "q", label="Søg")


def test_every_form_of_the_project_meets_the_layer():
    """A form that derives from Django's own Form instead of common.forms' would skip the
    layer: every form class in the project's apps must have it."""
    from pathlib import Path

    from django.apps import apps
    from django.conf import settings
    from django.urls import get_resolver

    from common.forms import DkfdsFormMixin

    def subclasses(cls):
        for sub in cls.__subclasses__():
            yield sub
            yield from subclasses(sub)

    ours = {
        app.name
        for app in apps.get_app_configs()
        if Path(app.path).is_relative_to(Path(settings.BASE_DIR)) and ".venv" not in app.path
    }
    assert get_resolver().url_patterns  # imports every view, and the forms they use
    for app in ours:  # and each app's forms module
        with contextlib.suppress(ModuleNotFoundError):
            __import__(f"{app}.forms")
    without = sorted(
        f"{cls.__module__}.{cls.__qualname__}"
        for cls in subclasses(forms.BaseForm)
        if cls.__module__.split(".")[0] in ours
        and ".tests" not in cls.__module__
        and not issubclass(cls, DkfdsFormMixin)
        and cls.__module__ != "common.forms"
    )
    assert not without, (
        f"forms without common.forms.DkfdsFormMixin (and its hygiene layer): {without}"
    )


@pytest.mark.django_db
def test_a_nul_byte_at_the_login_is_a_message_not_a_server_error(client):
    """The login form derives from Django's AuthenticationForm, through DkfdsFormMixin: the
    NUL is refused before the user is looked up (PostgreSQL refuses NUL in a query)."""
    from django.urls import reverse

    response = client.post(reverse("accounts:login"), {"username": "a\x00", "password": "x"})
    assert response.status_code in (200, 400)
    assert "indeholder et tegn" in response.content.decode()
