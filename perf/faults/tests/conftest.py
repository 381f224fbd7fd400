import pytest
from django.db import close_old_connections
from django.test import Client
from django.test.client import ClientHandler


class _ServerHandler(ClientHandler):
    """The test client skips Django's per-request `close_old_connections` to keep a test's
    transaction; a real server (gunicorn) runs it at each request's start and end, and that is
    how a dead connection is dropped and replaced. These tests run without a wrapping
    transaction (transactional_db), so the handler puts it back."""

    def __call__(self, environ):
        close_old_connections()
        try:
            return super().__call__(environ)
        finally:
            close_old_connections()


@pytest.fixture
def server_like_client(transactional_db) -> Client:
    """A client whose requests go through the connection handling of a real server and that
    gets the 500 page (not the exception) when a view fails."""
    client = Client(raise_request_exception=False)
    client.handler = _ServerHandler(enforce_csrf_checks=False)
    return client
