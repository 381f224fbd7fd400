import pytest

from notifications import backends


@pytest.fixture(autouse=True)
def sms_outbox():
    """The locmem SMS outbox, empty at the start of every test (like Django's mail.outbox)."""
    backends.outbox.clear()
    return backends.outbox
