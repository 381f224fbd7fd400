"""Checks for uploaded files (ASVS 12.1-12.2). Jobsamtale's uploads are text imports: they are
read in memory (or Django's temporary file, deleted after the request), parsed and never
stored, so nothing uploaded can be served back. What is checked here: the size before
reading, the file name's extension against the form's list, and that the content is text
(UTF-8 without NUL bytes), so a renamed binary is refused with a Danish message."""

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _


def read_text_upload(upload: UploadedFile, *, extensions: Iterable[str], max_bytes: int) -> bytes:
    """The upload's bytes, or a ValidationError saying what is wrong with it."""
    extensions = tuple(e.lower() for e in extensions)
    if upload.size is None or upload.size > max_bytes:
        raise ValidationError(
            _("The file is too large (at most %(size)s).") % {"size": filesizeformat(max_bytes)},
            code="size",
        )
    if not (upload.name or "").lower().endswith(extensions):
        raise ValidationError(
            _("The file must be of the type %(types)s.") % {"types": ", ".join(extensions)},
            code="type",
        )
    data = upload.read()
    decode_text(data)
    return data


def decode_text(data: bytes) -> str:
    """The text of an uploaded file: UTF-8 with or without a byte-order mark (Excel's "CSV
    UTF-8"), else a ValidationError (code "not_text") telling how to save it; NUL bytes (a
    renamed binary file) are not text either."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = None
    if text is None or "\x00" in text:
        raise ValidationError(
            _(
                "The file is not a text file in UTF-8, so æ, ø and å would be read wrongly. "
                "Save it as UTF-8 text (in Excel: “CSV UTF-8 (comma delimited)”) and try again."
            ),
            code="not_text",
        )
    return text
