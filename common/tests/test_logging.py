import logging

from common.logging import RedactCprFilter


def test_cpr_shaped_numbers_are_masked_in_log_lines():
    record = logging.LogRecord(
        "x", logging.INFO, __file__, 1, "lookup %s and %s", ("010190-1234", "0101901234"), None
    )
    RedactCprFilter().filter(record)
    assert record.getMessage() == "lookup ******-**** and ******-****"


def test_a_logged_exception_and_stack_are_masked_too():
    import sys

    try:
        raise ValueError("no citizen with 0101901234")
    except ValueError:
        exc_info = sys.exc_info()
    record = logging.LogRecord("x", logging.ERROR, __file__, 1, "failed", None, exc_info)
    record.stack_info = "Stack (most recent call last):\n  lookup('010190-1234')"
    RedactCprFilter().filter(record)
    line = logging.Formatter().format(record)
    assert "ValueError: no citizen with ******-****" in line
    assert "lookup('******-****')" in line
    assert "0101901234" not in line and "010190-1234" not in line


def test_a_keyed_hash_is_masked_whole_even_with_ten_digits_in_it():
    hashed = "ab" + "0101901234" + "c" * 52
    record = logging.LogRecord(
        "x", logging.ERROR, __file__, 1, "Key (cpr_hash)=(%s)", (hashed,), None
    )
    RedactCprFilter().filter(record)
    assert record.getMessage() == "Key (cpr_hash)=(<hash>)"
