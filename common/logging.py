import logging
import re

from django.db.models import CharField, Func, TextField, Value

CPR_PATTERN = re.compile(r"(?<!\d)(\d{6})[- ]?(\d{4})(?!\d)")
MASK = "******-****"
#: A keyed hash (HMAC-SHA256 in hex, `common.crypto.keyed_hash`): of a CPR number it is a
#: stable pseudonym of the person, named by the database in a duplicate-key error.
HASH_PATTERN = re.compile(r"(?<![0-9a-fA-F])[0-9a-fA-F]{64}(?![0-9a-fA-F])")
HASH_MASK = "<hash>"


def redact(text: str) -> str:
    """`text` with CPR-shaped numbers and keyed hashes masked."""
    return CPR_PATTERN.sub(MASK, HASH_PATTERN.sub(HASH_MASK, text))


def _needs_redacting(text: str) -> bool:
    return bool(CPR_PATTERN.search(text) or HASH_PATTERN.search(text))


class RedactCprFilter(logging.Filter):
    """Masks anything shaped like a CPR number, and keyed hashes, before a log line is
    written: in the message with its arguments, in the traceback of a logged exception and in
    a logged stack."""

    _formatter = logging.Formatter()

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if _needs_redacting(message):
            record.msg = redact(message)
            record.args = None
        if record.exc_info and not record.exc_text:
            # Formatter.format uses exc_text as it is when set: format it here, masked.
            record.exc_text = self._formatter.formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact(record.exc_text)
        if record.stack_info:
            record.stack_info = redact(record.stack_info)
        return True


def axes_username(request, credentials: dict | None = None) -> str | None:
    """AXES_USERNAME_CALLABLE: the user name django-axes records for a login attempt (kept 90
    days), with a CPR number a citizen typed there masked. Attempts with CPR-shaped names are
    then counted together per address, which still locks them out."""
    username = (credentials or {}).get("username")
    if username is None:
        username = getattr(request, "POST", {}).get("username")
    return None if username is None else CPR_PATTERN.sub(MASK, str(username).strip())


def _redacted(value):
    """A field's value about to be saved, redacted: text, or the text inside an expression
    (django-axes appends to a repeated attempt's data with Concat(F(...), Value(text)))."""
    if isinstance(value, str):
        return redact(value)
    if isinstance(value, Value) and isinstance(value.value, str):
        # _output_field_or_none is Django's own (private, so not in django-stubs): the field
        # set or, for a plain str, the CharField Django infers, as the original Value had.
        field = value._output_field_or_none  # type: ignore[attr-defined]
        return Value(redact(value.value), output_field=field)
    if isinstance(value, Func):
        value = value.copy()
        value.set_source_expressions([_redacted(e) for e in value.get_source_expressions()])
    return value


#: What django-axes finds a repeated attempt by, as the browser sent it: left as it is (a CPR
#: number in the user name is masked before, by `axes_username`).
_LOOKUP_FIELDS = {"username", "ip_address", "user_agent", "session_hash"}


def redact_login_record(sender, instance, **kwargs) -> None:
    """pre_save of django-axes' records (attempts, failures, logins): no CPR number in their
    text (the path, the GET and POST data, the Accept header)."""
    for field in instance._meta.concrete_fields:
        if isinstance(field, CharField | TextField) and field.name not in _LOOKUP_FIELDS:
            value = _redacted(getattr(instance, field.attname))
            if isinstance(value, str) and field.max_length:  # the mask is a character longer
                value = value[: field.max_length]
            setattr(instance, field.attname, value)
