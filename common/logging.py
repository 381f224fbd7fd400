import logging
import re

CPR_PATTERN = re.compile(r"(?<!\d)(\d{6})[- ]?(\d{4})(?!\d)")


class RedactCprFilter(logging.Filter):
    """Masks anything shaped like a CPR number before a log line is written."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if CPR_PATTERN.search(message):
            record.msg = CPR_PATTERN.sub("******-****", message)
            record.args = None
        return True
