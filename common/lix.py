"""LIX (læsbarhedsindeks), the Danish readability figure: words per sentence plus the share of
long words (more than six letters) in per cent. Plain Danish for citizens reads at 35 or lower.

`main_text` takes the text a sighted reader meets in a page's <main> element. Left out:
scripts, styles, templates, navigation; hidden elements (the `hidden` attribute,
`aria-hidden`, and screen-reader-only words, which mostly repeat a name beside a button:
"Ret Lagerarbejder"); inputs' values and select options; and what the page shows rather than
says itself, marked `data-lix="data"` (a job ad's text, the CV's own words, the rows of the
citizen's Joblog, a list of skills to tick). Block elements end a line, and a line break ends
a sentence, so headings, list items, table cells and labels count as the short sentences
they are read as."""

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

LONG_WORD = 6  # a long word has more letters than this
LIMIT = 35

_JOINERS = "-'\u2019"  # inside a word: "e-mail", "CV'et"
_WORD = re.compile(rf"[^\W\d_]+(?:[{_JOINERS}][^\W\d_]+)*")
#: A sentence ends at a full stop, "!", "?" or ":" before a capital letter, and at a line's
#: end: "senest 15. dec." is one sentence.
_SENTENCE_END = re.compile(r"(?<=[.!?:])\s+(?=[\"“„(]?[A-ZÆØÅ])|\n+")

#: Not read as the page's text: code, pictures, a select's list of options (the chosen one is
#: what a reader meets), a textarea's typed value, and the navigation and footer in <main>.
_SKIPPED = {
    "script", "style", "template", "noscript", "svg", "select", "textarea", "nav", "footer",
}  # fmt: skip
_BLOCKS = {
    "address", "article", "aside", "blockquote", "br", "button", "caption", "dd", "details",
    "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3",
    "h4", "h5", "h6", "header", "hr", "label", "legend", "li", "main", "nav", "ol", "option",
    "p", "pre", "section", "summary", "table", "td", "th", "tr", "ul",
}  # fmt: skip
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
         "track", "wbr"}  # fmt: skip


@dataclass
class Lix:
    words: int
    sentences: int
    long_words: int
    sentence_list: list[str] = field(default_factory=list)

    @property
    def score(self) -> float:
        if not self.words:
            return 0.0
        return self.words / max(self.sentences, 1) + 100 * self.long_words / self.words

    def longest(self, count: int = 3) -> list[str]:
        """The sentences with the most words: where to rewrite first."""
        return sorted(self.sentence_list, key=lambda s: -len(_WORD.findall(s)))[:count]


def sentences(text: str) -> list[str]:
    parts = (part.strip() for part in _SENTENCE_END.split(text))
    return [part for part in parts if _WORD.search(part)]


def lix(text: str) -> Lix:
    found = sentences(text)
    words = [w for sentence in found for w in _WORD.findall(sentence)]
    long_words = sum(1 for w in words if len(re.sub(rf"[{_JOINERS}]", "", w)) > LONG_WORD)
    return Lix(words=len(words), sentences=len(found), long_words=long_words, sentence_list=found)


class _MainText(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.in_main = 0
        self.stack: list[tuple[str, bool]] = []  # (tag, whether it hides what is inside)
        self.hidden = 0

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "main":
            self.in_main += 1
        if tag in _VOID:
            if tag == "br":
                self.parts.append("\n")
            return
        hides = (
            tag in _SKIPPED
            or "hidden" in attributes
            or attributes.get("aria-hidden") == "true"
            or attributes.get("data-lix") == "data"
            or "sr-only" in (attributes.get("class") or "").split()
        )
        self.stack.append((tag, hides))
        self.hidden += hides
        if tag in _BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in _VOID:
            return
        while self.stack:
            name, hides = self.stack.pop()
            self.hidden -= hides
            if name == tag:
                break
        if tag in _BLOCKS:
            self.parts.append("\n")
        if tag == "main":
            self.in_main -= 1

    def handle_data(self, data):
        if self.in_main and not self.hidden:
            self.parts.append(data)


def main_text(html: str) -> str:
    """The readable text of the page's <main> element, one block a line."""
    parser = _MainText()
    parser.feed(html)
    parser.close()
    text = "".join(parser.parts)
    lines = (re.sub(r"[ \t\r\f\v]+", " ", line).strip() for line in text.split("\n"))
    return "\n".join(line for line in lines if line)


def page_lix(html: str) -> Lix:
    return lix(main_text(html))
