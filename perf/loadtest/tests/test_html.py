"""The form reader sends what a browser would: hidden fields, the selected option or the
first, the checked radio or the first, textarea text; no unchecked checkbox."""

from perf.loadtest.html import find_form, links

PAGE = """
<form method="post" action="/konto/log-af/"><input type="hidden" name="csrfmiddlewaretoken"
 value="a"></form>
<form method="post" novalidate>
  <input type="hidden" name="csrfmiddlewaretoken" value="tok">
  <input type="radio" name="mode" value="fremmoede"><input type="radio" name="mode"
   value="telefon" checked>
  <select name="activity"><option value="application">A</option>
   <option value="interview" selected>B</option></select>
  <select name="plan"><option value="">-</option><option value="A">A</option></select>
  <textarea name="notes">Hej &amp; farvel</textarea>
  <input type="checkbox" name="confirm">
  <input type="submit" name="go" value="Send">
</form>
<a href="/samtaler/book/?emne=1&amp;uge=2026-11-30#week">uge</a>
<a href="/samtaler/book/?emne=1&amp;uge=2026-11-30">igen</a><a href="/joblog/">log</a>
"""


def test_a_form_without_action_posts_to_its_page():
    form = find_form(PAGE, "/aflys/", page_url="/samtaler/x/aflys/")
    assert form is not None and form.action == "/samtaler/x/aflys/"
    assert form.fields == {
        "csrfmiddlewaretoken": "tok",
        "mode": "telefon",
        "activity": "interview",
        "plan": "",
        "notes": "Hej & farvel",
    }
    assert form.choices["mode"] == ["fremmoede", "telefon"]


def test_missing_form_and_links():
    assert find_form(PAGE, "/joblog/ny/") is None
    assert links(PAGE, r"emne=") == ["/samtaler/book/?emne=1&uge=2026-11-30"]
