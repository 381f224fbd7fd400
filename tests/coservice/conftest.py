"""coservice's own fixtures (the library, its helper, the Tuesday clock), for the tests here that
reach into the apps beside it."""

from coservice.tests.conftest import clock, helper, helper_client, library, topic  # noqa: F401
