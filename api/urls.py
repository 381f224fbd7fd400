"""The API's URLs. LoginRequiredMiddleware would send anonymous callers to the login page;
the API does its own authentication (401 in JSON), so every view here is login_not_required.
A path or method the API does not know is answered in JSON too."""

from functools import wraps

from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed, JsonResponse
from django.urls import URLPattern, path, re_path
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

from api.v1 import api

app_name = "api"
_JSON = {"ensure_ascii": False}


def _not_found(request: HttpRequest, *args, **kwargs) -> HttpResponse:
    return JsonResponse({"detail": _("Not found.")}, status=404, json_dumps_params=_JSON)


def _json_405(view):
    """ninja answers a wrong method with a plain-text 405; say it in JSON."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        response = view(request, *args, **kwargs)
        if isinstance(response, HttpResponseNotAllowed):
            allow = response.get("Allow", "")
            response = JsonResponse(
                {"detail": _("Method not allowed.")}, status=405, json_dumps_params=_JSON
            )
            response["Allow"] = allow
        return response

    return wrapped


def _patterns() -> list[URLPattern]:
    patterns, _app, _namespace = api.urls
    result = []
    for pattern in patterns:
        assert isinstance(pattern, URLPattern)
        if pattern.name == "api-root":  # ninja's root view raises Http404 (an HTML page)
            pattern = path("", _not_found, name="api-root")
        elif pattern.name != "openapi-json":
            pattern.callback = _json_405(pattern.callback)
        pattern.callback = login_not_required(pattern.callback)
        result.append(pattern)
    # A path the API does not know is a JSON 404 for every method: without csrf_exempt, a POST
    # to one (say /bookings/not-a-uuid/cancel) would get Django's HTML CSRF page instead.
    # It changes nothing, so it needs no CSRF token.
    result.append(re_path(r"^.*$", csrf_exempt(login_not_required(_not_found)), name="not-found"))
    return result


urlpatterns = _patterns()
