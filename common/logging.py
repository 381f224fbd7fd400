import logging
import re

CPR_PATTERN = re.compile(r"(?<!\d)(\d{6})[- ]?(\d{4})(?!\d)")
MASK = "******-****"


class RedactCprFilter(logging.Filter):
    """Masks anything shaped like a CPR number before a log line is written: in the message
    with its arguments, in the traceback of a logged exception and in a logged stack."""

    _formatter = logging.Formatter()

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if CPR_PATTERN.search(message):
            record.msg = CPR_PATTERN.sub(MASK, message)
            record.args = None
        if record.exc_info and not record.exc_text:
            # Formatter.format uses exc_text as it is when set: format it here, masked.
            record.exc_text = self._formatter.formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = CPR_PATTERN.sub(MASK, record.exc_text)
        if record.stack_info:
            record.stack_info = CPR_PATTERN.sub(MASK, record.stack_info)
        return True
