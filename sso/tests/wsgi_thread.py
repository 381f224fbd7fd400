"""A WSGI app served by wsgiref on 127.0.0.1 and a free port, in a daemon thread."""

import threading
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server


class _QuietHandler(WSGIRequestHandler):
    def log_message(self, format, *args):
        pass


class ThreadedServer:
    def __init__(self, app):
        self.httpd: WSGIServer = make_server("127.0.0.1", 0, app, handler_class=_QuietHandler)
        self.base_url = f"http://127.0.0.1:{self.httpd.server_port}"
        self._thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
        self._thread.join(timeout=5)
