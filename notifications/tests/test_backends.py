import json
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest

from notifications.backends import (
    ConsoleSmsBackend,
    FileSmsBackend,
    HttpSmsGateway,
    LocmemSmsBackend,
    SmsGatewayError,
    get_sms_backend,
)


class GatewayHandler(BaseHTTPRequestHandler):
    """A stand-in gateway: answers with the status code named by the path (/200, /500...)."""

    received: list[dict] = []

    def do_POST(self) -> None:
        length = int(self.headers["Content-Length"])
        type(self).received.append(
            {
                "path": self.path,
                "headers": dict(self.headers),
                "json": json.loads(self.rfile.read(length)),
            }
        )
        status = int(self.path.strip("/"))
        self.send_response(status)
        if 300 <= status < 400:
            self.send_header("Location", "/200")
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args) -> None:
        pass


@pytest.fixture
def gateway(settings):
    GatewayHandler.received = []
    server = HTTPServer(("127.0.0.1", 0), GatewayHandler)
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    settings.SMS_GATEWAY_TOKEN = "test-token"
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()


def test_the_http_gateway_posts_json_with_a_bearer_token(gateway, settings):
    settings.SMS_GATEWAY_URL = f"{gateway}/200"
    HttpSmsGateway().send("+4520123456", "Husk din samtale i morgen kl. 10.")
    (request,) = GatewayHandler.received
    assert request["json"] == {"to": "+4520123456", "text": "Husk din samtale i morgen kl. 10."}
    assert request["headers"]["Authorization"] == "Bearer test-token"
    assert request["headers"]["Content-Type"] == "application/json"


@pytest.mark.parametrize("status", [400, 500, 302])
def test_the_http_gateway_raises_on_anything_but_2xx(gateway, settings, status):
    settings.SMS_GATEWAY_URL = f"{gateway}/{status}"
    with pytest.raises(SmsGatewayError, match=str(status)):
        HttpSmsGateway().send("+4520123456", "Hej")
    assert [r["path"] for r in GatewayHandler.received] == [f"/{status}"]


def test_the_http_gateway_needs_an_http_address(settings):
    settings.SMS_GATEWAY_URL = "file:///etc/passwd"
    with pytest.raises(Exception, match="SMS_GATEWAY_URL"):
        HttpSmsGateway().send("+4520123456", "Hej")


def test_the_file_backend_appends_json_lines(settings, tmp_path):
    settings.SMS_FILE_PATH = tmp_path / "sms" / "sms.log"
    FileSmsBackend().send("+4520123456", "Første")
    FileSmsBackend().send("+4531223344", "Anden")
    lines = [json.loads(line) for line in settings.SMS_FILE_PATH.read_text().splitlines()]
    assert [(line["to"], line["text"]) for line in lines] == [
        ("+4520123456", "Første"),
        ("+4531223344", "Anden"),
    ]


def test_the_console_backend_prints_the_message(capsys):
    ConsoleSmsBackend().send("+4520123456", "Husk din samtale")
    assert "+4520123456" in capsys.readouterr().out


def test_tests_use_the_locmem_backend(settings, sms_outbox):
    assert isinstance(get_sms_backend(), LocmemSmsBackend)
    settings.SMS_BACKEND = "notifications.backends.FileSmsBackend"
    assert isinstance(get_sms_backend(), FileSmsBackend)
