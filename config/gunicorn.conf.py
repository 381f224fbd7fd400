"""gunicorn in production: `gunicorn -c config/gunicorn.conf.py config.wsgi`.

The access log names the path but never the query string (%(U)s, not %(r)s): a query string
may carry a search term or a purpose, and logs must hold no personal data (docs/SECURITY.md).
A CPR number in the path (typed into the address bar) and in any other field of the access or
error log is masked by `RedactingLogger`, as `common.logging.RedactCprFilter` masks Django's."""

import os
import sys
from pathlib import Path

from gunicorn.glogging import Logger

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # the project, for common.logging

from common.logging import RedactCprFilter, redact


class RedactingLogger(Logger):
    """gunicorn's logger with every text atom of the access log masked, and the error log's
    lines filtered like Django's."""

    def setup(self, cfg) -> None:
        super().setup(cfg)
        for log in (self.error_log, self.access_log):
            if not any(isinstance(f, RedactCprFilter) for f in log.filters):
                log.addFilter(RedactCprFilter())

    def atoms(self, resp, req, environ, request_time) -> dict:
        return {
            key: redact(value) if isinstance(value, str) else value
            for key, value in super().atoms(resp, req, environ, request_time).items()
        }


bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", "2"))
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
accesslog = "-"
access_log_format = '%(h)s %(t)s "%(m)s %(U)s" %(s)s %(b)s %(M)sms'
logger_class = RedactingLogger
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
limit_request_line = 4094
limit_request_fields = 100
