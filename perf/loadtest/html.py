"""Just enough HTML reading for the load test's users: a page's forms with the values a
browser would send, and its links. The standard library's parser, so locust needs nothing
else."""

import html
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser


@dataclass
class Form:
    action: str
    method: str
    #: What a browser submits untouched: hidden and filled inputs, the selected option, the
    #: first radio of a group (or the checked one), textareas' text.
    fields: dict[str, str] = field(default_factory=dict)
    #: Every radio and select's choices, for a user who picks one.
    choices: dict[str, list[str]] = field(default_factory=dict)


class _FormParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.forms: list[Form] = []
        self._form: Form | None = None
        self._select: str | None = None
        self._select_first: str | None = None
        self._selected = False
        self._textarea: str | None = None
        self._checked_radios: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "form":
            self._form = Form(a.get("action", ""), a.get("method", "get").lower())
            self.forms.append(self._form)
            self._checked_radios = set()
            return
        form = self._form
        if form is None:
            return
        name = a.get("name")
        if tag == "input" and name:
            kind = a.get("type", "text").lower()
            if kind == "radio":
                form.choices.setdefault(name, []).append(a.get("value", "on"))
                if "checked" in a:
                    form.fields[name] = a.get("value", "on")
                    self._checked_radios.add(name)
                elif name not in self._checked_radios:
                    form.fields.setdefault(name, a.get("value", "on"))
            elif kind == "checkbox":
                if "checked" in a:
                    form.fields[name] = a.get("value", "on")
            elif kind not in ("submit", "button", "file", "image", "reset"):
                form.fields[name] = a.get("value", "")
        elif tag == "select" and name:
            self._select, self._select_first, self._selected = name, None, False
        elif tag == "option" and self._select:
            value = a.get("value", "")
            form.choices.setdefault(self._select, []).append(value)
            if self._select_first is None:
                self._select_first = value
            if "selected" in a:
                form.fields[self._select] = value
                self._selected = True
        elif tag == "textarea" and name:
            self._textarea = name
            form.fields[name] = ""

    def handle_data(self, data: str) -> None:
        if self._form is not None and self._textarea:
            self._form.fields[self._textarea] += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self._form = None
        elif tag == "select" and self._form is not None and self._select:
            if not self._selected and self._select_first is not None:
                self._form.fields[self._select] = self._select_first
            self._select = None
        elif tag == "textarea":
            self._textarea = None


def forms(page: str) -> list[Form]:
    parser = _FormParser()
    parser.feed(page)
    parser.close()
    return parser.forms


def find_form(
    page: str, action_contains: str, method: str = "post", page_url: str = ""
) -> Form | None:
    """The first form whose action contains `action_contains`, or None. A form without an
    action posts to the page itself: `page_url` stands in for it."""
    for form in forms(page):
        if not form.action and page_url:
            form.action = page_url
        if action_contains in form.action and form.method == method:
            return form
    return None


def links(page: str, pattern: str) -> list[str]:
    """Every href matching the regular expression `pattern` (entities decoded, fragments
    dropped), in page order without repeats."""
    found = (html.unescape(h).split("#")[0] for h in re.findall(r'href="([^"]+)"', page))
    return list(dict.fromkeys(h for h in found if re.search(pattern, h)))
