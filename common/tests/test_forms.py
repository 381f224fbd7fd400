import re
from datetime import date

import pytest
from django import forms
from django.core.exceptions import ValidationError

from common.forms import DateInput, Form, validate_no_html


@pytest.mark.parametrize("value", ["<b>Jens</b>", "Jens <script>alert(1)</script>", "a &lt; b"])
def test_html_is_refused(value):
    with pytest.raises(ValidationError) as info:
        validate_no_html(value)
    assert info.value.code == "html"


@pytest.mark.parametrize("value", ["Søren Ærø-Østergaard", "Anne-Marie O'Neill", "5 > 3 ok"])
def test_ordinary_names_pass(value):
    validate_no_html(value)


class _EveryWidget(Form):
    """One field per widget the fast renderer draws, with the awkward values: quotes and
    markup to escape, True/False attributes, a selected option in an optgroup, an int label
    that a template would localise, an empty textarea and one with text."""

    name = forms.CharField(
        initial='Anne "A" <b>', widget=forms.TextInput(attrs={"autofocus": True})
    )
    email = forms.EmailField(required=False)
    hidden = forms.CharField(widget=forms.HiddenInput, initial="x&y")
    day = forms.DateField(widget=DateInput, initial=date(2026, 11, 23))
    count = forms.IntegerField(initial=1234, widget=forms.NumberInput(attrs={"readonly": False}))
    agree = forms.BooleanField(required=False, initial=True)
    kind = forms.ChoiceField(
        choices=[("", "---------"), ("Gruppe <1>", [("a", "Ét & to"), ("b", "B")]), (3, 12345)],
        initial="b",
    )
    many = forms.MultipleChoiceField(
        choices=[(1, "En"), (2, "To & <tre>")], initial=[2], widget=forms.CheckboxSelectMultiple
    )
    several = forms.MultipleChoiceField(choices=[(1, "En"), (2, "To")], initial=[2])
    choose = forms.ChoiceField(
        choices=[("a", "Ét"), (1234, 5678)], initial="a", widget=forms.RadioSelect
    )
    notes = forms.CharField(widget=forms.Textarea, initial="Linje 1\n<script>")
    empty = forms.CharField(widget=forms.Textarea, required=False)
    secret = forms.CharField(widget=forms.PasswordInput, required=False)


@pytest.mark.parametrize("bound", [False, True])
def test_every_widget_renders_through_the_jinja2_templates_and_escapes(bound):
    """Every widget is drawn by Django's own Jinja2 widget templates, values escaped."""
    data = {"name": "<i>", "day": "2026-02-30", "kind": "a", "many": ["1", "2"], "notes": ""}
    form = _EveryWidget(data if bound else None)
    html = {name: str(form[name]) for name in form.fields}
    assert html["name"].startswith('<input type="text" name="name"')
    assert ("&lt;i&gt;" if bound else "Anne &#34;A&#34; &lt;b&gt;") in html["name"]
    assert "autofocus" in html["name"] and "readonly" not in html["count"]
    assert '<optgroup label="Gruppe &lt;1&gt;">' in html["kind"]
    assert ">Ét &amp; to</option>" in html["kind"]
    assert 'value="b" selected' in html["kind"] or bound
    assert "To &amp; &lt;tre&gt;" in html["many"]
    assert 'value="x&amp;y"' in html["hidden"] or bound
    assert "&lt;script&gt;" in html["notes"] or bound
    assert 'type="password"' in html["secret"] and 'value="' not in html["secret"]
    assert 'value="1234"' in html["count"] or bound
    for name in ("choose", "many"):
        assert all("<input" in choice.tag() for choice in form[name])


class _Groups(Form):
    text = forms.CharField(help_text="Som i <b>CV</b>", required=False)
    agree = forms.BooleanField()
    pick = forms.ChoiceField(choices=[("a", "A & B"), ("b", "C")], widget=forms.RadioSelect)
    when = forms.SplitDateTimeField(required=False)
    shown = forms.DateField(disabled=True, required=False, label="")


def _squeezed(html: str) -> str:
    return re.sub(r">\s+<", "><", html.strip())


def test_a_field_group_is_dkfds_markup_with_django_s_ids():
    form = _Groups({"pick": "z"})
    assert _squeezed(form["text"].as_field_group()) == (
        '<div class="form-group"><label class="form-label" for="id_text">Text'
        '<span class="weight-normal"> (frivilligt)</span></label>'
        '<span class="form-hint" id="id_text_helptext">Som i <b>CV</b></span>'
        '<input type="text" name="text" class="form-input" aria-describedby="id_text_helptext"'
        ' id="id_text"></div>'
    )
    assert _squeezed(form["agree"].as_field_group()) == (
        '<div class="form-group form-error"><span class="form-error-message" id="id_agree_error">'
        '<span class="sr-only">Fejl: </span>Sæt kryds ved „Agree“</span>'
        '<div class="form-group-checkbox"><input type="checkbox" name="agree"'
        ' class="form-checkbox" required aria-invalid="true" aria-describedby="id_agree_error"'
        ' id="id_agree">'
        '<label class="form-label" for="id_agree">Agree</label></div></div>'
    )
    pick = _squeezed(form["pick"].as_field_group())
    assert pick.startswith(
        '<div class="form-group form-error"><fieldset aria-describedby="id_pick_error">'
        '<legend class="form-label">Pick</legend>'
        '<span class="form-error-message" id="id_pick_error">'
    )
    assert '<div class="form-group-radio"><input type="radio" name="pick" value="a"' in pick
    assert '<label class="form-label" for="id_pick_0">A &amp; B</label>' in pick
    when = _squeezed(form["when"].as_field_group())
    assert when.startswith('<div class="form-group"><fieldset><legend class="form-label">When')
    assert 'name="when_0"' in when and 'name="when_1"' in when
    assert _squeezed(form["shown"].as_field_group()) == (
        '<div class="form-group"><input type="text" name="shown" class="form-input" disabled'
        ' id="id_shown"></div>'
    )


class _Summarised(Form):
    pick = forms.ChoiceField(choices=[("a", "A")], widget=forms.RadioSelect)
    name = forms.CharField()
    token = forms.CharField(widget=forms.HiddenInput, initial="t")

    def clean(self):
        raise ValidationError("Hele <formen> er forkert")


def test_a_form_with_errors_opens_with_the_dkfds_error_summary():
    html = _squeezed(str(_Summarised({"p-pick": "z", "p-token": "t"}, prefix="p")))
    assert html.startswith(
        '<div class="alert alert-error" role="alert" tabindex="-1" data-module="error-summary"'
        ' aria-labelledby="p-error-summary-heading">'
    )
    assert '<h2 class="alert-heading" id="p-error-summary-heading">Der er problemer</h2>' in html
    assert "<li>Hele &lt;formen&gt; er forkert</li>" in html
    # A field's error links to the field; a radio group's to its first option.
    assert '<a class="function-link" href="#id_p-pick_0">' in html
    # The message names its field, so the summary shows it alone.
    assert '<a class="function-link" href="#id_p-name">Skriv name</a>' in html
    assert "Vælg pick på listen</a>" in html
    assert html.endswith('<input type="hidden" name="p-token" value="t" id="id_p-token">')
    assert "alert-error" not in str(_Summarised())


class _Kinds(Form):
    email = forms.EmailField(label="E-mail")
    topic = forms.ChoiceField(label="Emne", choices=[("", "---------"), ("a", "A")])
    mode = forms.ChoiceField(
        label="Hvordan vil du mødes?", choices=[("a", "A")], widget=forms.RadioSelect
    )
    day = forms.DateField(label="Dato", widget=DateInput)
    count = forms.IntegerField(label="Antal")
    cpr = forms.CharField(label="CPR-nummer (10 cifre)", max_length=10)
    note = forms.CharField(label="Hvad vil du sige?", widget=forms.Textarea, max_length=5)
    own = forms.CharField(label="Eget", error_messages={"required": "Skriv noget eget"})
    wrong = forms.CharField(label="Hvad er galt")
    start = forms.DateField(label="Fra (dato)")


def test_error_messages_name_their_field_by_its_label_and_kind():
    form = _Kinds({"note": "for lang tekst"})
    assert not form.is_valid()
    assert {name: list(errors) for name, errors in form.errors.items()} == {
        "email": ["Skriv e-mail"],
        "topic": ["Vælg emne"],
        "mode": ["Vælg et svar på „Hvordan vil du mødes?“"],
        "day": ["Skriv dato som fx 9.11.2026"],
        "count": ["Skriv antal"],
        "cpr": ["Skriv CPR-nummer"],
        "note": ["„Hvad vil du sige?“ må højst have 5 tegn"],
        "own": ["Skriv noget eget"],  # the form's own message stays
        # A question without its "?", and a name too short to stand alone, are quoted.
        "wrong": ["Svar på „Hvad er galt“"],
        "start": ["Skriv en dato i „Fra (dato)“, fx 9.11.2026"],
    }


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"email": "ikke en adresse"}, "email", "Skriv e-mail som en e-mailadresse"),
        ({"topic": "z"}, "topic", "Vælg emne på listen"),
        ({"day": "31.02.2026"}, "day", "Skriv dato som fx 9.11.2026"),
        ({"count": "mange"}, "count", "Skriv antal som et tal"),
        ({"cpr": "12345678901"}, "cpr", "CPR-nummer må højst have 10 tegn"),
    ],
)
def test_a_wrong_value_is_named_too(data, field, message):
    form = _Kinds(data)
    assert not form.is_valid()
    assert form.errors[field][0].startswith(message)


def test_a_danish_date_is_read():
    form = _Kinds({"day": "9.11.2026"})
    form.is_valid()
    assert "day" not in form.errors


def test_fields_added_after_init_are_styled_too():
    """Forms that build their fields from data (the own guide, the privacy retention, the
    observation questions) add them after __init__; they are drawn as DKFDS inputs too."""
    from django import forms as django_forms

    from common.forms import Form

    class Late(Form):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self.fields["text"] = django_forms.CharField(widget=django_forms.Textarea)
            self.fields["name"] = django_forms.CharField()

    html = str(Late())
    assert html.count('class="form-input"') == 2
    assert 'class="form-input form-input"' not in str(Late()["text"])
