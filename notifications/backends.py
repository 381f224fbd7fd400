"""SMS backends, chosen by settings.SMS_BACKEND like Django's EMAIL_BACKEND chooses for mail:
console in development, a file or memory in tests, HttpSmsGateway in production."""

import json
import sys
import urllib.error
import urllib.request
from abc import ABC, abstractmethod
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils import timezone
from django.utils.module_loading import import_string


class SmsBackend(ABC):
    @abstractmethod
    def send(self, to: str, text: str) -> None:
        """Sends `text` to the E.164 number `to`, or raises."""


class ConsoleSmsBackend(SmsBackend):
    """Development: prints the message. Bodies hold no CPR number (notify refuses them)."""

    def send(self, to: str, text: str) -> None:
        sys.stdout.write(f"SMS to {to}:\n{text}\n{'-' * 40}\n")
        sys.stdout.flush()


class FileSmsBackend(SmsBackend):
    """Appends one JSON line per message to settings.SMS_FILE_PATH."""

    def send(self, to: str, text: str) -> None:
        path = settings.SMS_FILE_PATH
        path.parent.mkdir(parents=True, exist_ok=True)
        line = {"to": to, "text": text, "at": timezone.now().isoformat()}
        with path.open("a", encoding="utf-8") as file:
            file.write(json.dumps(line, ensure_ascii=False) + "\n")


@dataclass(frozen=True)
class SmsMessage:
    to: str
    text: str


#: What LocmemSmsBackend has sent; tests empty it before each test.
outbox: list[SmsMessage] = []


class LocmemSmsBackend(SmsBackend):
    def send(self, to: str, text: str) -> None:
        outbox.append(SmsMessage(to=to, text=text))


class SmsGatewayError(Exception):
    pass


class HttpSmsGateway(SmsBackend):
    """The interface real gateways plug into: POST {"to", "text"} as JSON to
    settings.SMS_GATEWAY_URL with a bearer token; any answer but 2xx is a failure. A provider
    with another API gets a small adapter service in front of it, not a change here."""

    timeout = 10

    def send(self, to: str, text: str) -> None:
        url = settings.SMS_GATEWAY_URL
        if not url.startswith(("https://", "http://")):
            raise ImproperlyConfigured("Set SMS_GATEWAY_URL to the gateway's http(s) address.")
        request = urllib.request.Request(  # noqa: S310 (the scheme is checked above)
            url,
            data=json.dumps({"to": to, "text": text}).encode(),
            headers={
                "Content-Type": "application/json",
                "Authorization": f"Bearer {settings.SMS_GATEWAY_TOKEN}",
            },
            method="POST",
        )
        opener = urllib.request.build_opener(_RefuseRedirects)
        try:
            with opener.open(request, timeout=self.timeout) as response:
                status = response.status
        except urllib.error.HTTPError as error:
            error.close()  # its body is the gateway's answer, which may quote the message
            status = error.code
        if not 200 <= status < 300:
            raise SmsGatewayError(f"The SMS gateway answered HTTP {status}.")


class _RefuseRedirects(urllib.request.HTTPRedirectHandler):
    """urllib would follow a 302 with a GET and report success: a redirect is a failure."""

    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None


def get_sms_backend() -> SmsBackend:
    backend: SmsBackend = import_string(settings.SMS_BACKEND)()
    return backend
