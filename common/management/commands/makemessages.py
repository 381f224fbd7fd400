"""`makemessages` that reads the Jinja2 templates: Django's own command understands only its
own template language, so each `.html` file is handed to xgettext as Python holding the same
messages on the same lines (found by Jinja2's own extractor), and the catalogue's references
point at the template."""

import io

from django.core.management.commands import makemessages
from jinja2.ext import babel_extract

KEYWORDS = {"_": None, "gettext": None, "ngettext": (1, 2), "pgettext": ((1, "c"), 2)}


def as_python(source: str) -> str:
    """The messages of a Jinja2 template as gettext calls on the lines they are on."""
    lines = [""] * (source.count("\n") + 1)
    found = babel_extract(
        io.BytesIO(source.encode()), tuple(KEYWORDS), [], {"extensions": "jinja2.ext.i18n"}
    )
    for lineno, function, message, _comments in found:
        strings = message if isinstance(message, tuple) else (message,)
        args = ", ".join(repr(s) for s in strings if s is not None)
        if function == "ngettext":
            args += ", n"
        name = {"ngettext": "ngettext", "pgettext": "pgettext"}.get(function, "gettext")
        lines[lineno - 1] += f"{name}({args}); "
    return "\n".join(lines)


class BuildFile(makemessages.BuildFile):
    def preprocess(self):
        if not (self.is_templatized and self.path.endswith(".html")):
            return super().preprocess()
        with open(self.path, encoding="utf-8") as source:
            content = as_python(source.read())
        with open(self.work_path, "w", encoding="utf-8") as work:
            work.write(content)


class Command(makemessages.Command):
    build_file_class = BuildFile
