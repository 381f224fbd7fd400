"""API v1: one NinjaAPI with its authentication, error handlers and routers. The OpenAPI
document is served at openapi.json; there is no Swagger page (it would load from a CDN)."""

from typing import Any

from ninja import NinjaAPI
from ninja.renderers import JSONRenderer

from api import errors
from api.auth import SessionAuth, TokenAuth
from api.endpoints import bookings, catalogue


class DanishJSONRenderer(JSONRenderer):
    """Æ, ø and å as themselves rather than \\u escapes."""

    json_dumps_params: dict[str, Any] = {"ensure_ascii": False}


api = NinjaAPI(
    title="Jobsamtale API",
    version="1",
    description="Self-booking for citizens and their job centres. Authenticate with "
    "`Authorization: Bearer <token>` (`manage.py create_api_token`) or a logged-in browser "
    "session (writes need the CSRF token in `X-CSRFToken`).",
    urls_namespace="api",
    docs_url=None,
    auth=[TokenAuth(), SessionAuth()],
    renderer=DanishJSONRenderer(),
    parser=errors.JSONParser(),
)
errors.install(api)
api.add_router("", catalogue.router)
api.add_router("", bookings.router)
