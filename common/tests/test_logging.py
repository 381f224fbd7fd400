import logging

from common.logging import RedactCprFilter


def test_cpr_shaped_numbers_are_masked_in_log_lines():
    record = logging.LogRecord(
        "x", logging.INFO, __file__, 1, "lookup %s and %s", ("010190-1234", "0101901234"), None
    )
    RedactCprFilter().filter(record)
    assert record.getMessage() == "lookup ******-**** and ******-****"
