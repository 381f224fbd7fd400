"""A busy database (SQLite's lock wait ran out, a PostgreSQL deadlock that escaped a service)
is a 503 that says "try again" in Danish, never a 500."""

import pytest
from django.db import OperationalError
from django.test import RequestFactory

from common.middleware import DatabaseBusyMiddleware, database_busy


class _Deadlock(Exception):
    sqlstate = "40P01"


def _deadlock() -> OperationalError:
    error = OperationalError("deadlock detected")
    error.__cause__ = _Deadlock()
    return error


def test_what_counts_as_busy():
    assert database_busy(OperationalError("database is locked"))
    assert database_busy(_deadlock())
    assert not database_busy(OperationalError("no such table: booking_booking"))
    assert not database_busy(ValueError("database is locked"))


@pytest.mark.parametrize("path", ["/booking/bekraeft/", "/api/v1/bookings"])
def test_a_busy_database_asks_to_try_again(path):
    middleware = DatabaseBusyMiddleware(lambda request: None)
    request = RequestFactory().post(path)
    response = middleware.process_exception(request, OperationalError("database is locked"))
    assert response.status_code == 503 and response["Retry-After"] == "2"
    assert "Prøv igen om et øjeblik" in response.content.decode()
    assert middleware.process_exception(request, OperationalError("disk I/O error")) is None
