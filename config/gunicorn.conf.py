"""gunicorn in production: `gunicorn -c config/gunicorn.conf.py config.wsgi`.

The access log names the path but never the query string (%(U)s, not %(r)s): a query string
may carry a search term or a purpose, and logs must hold no personal data (docs/SECURITY.md)."""

import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", "2"))
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
accesslog = "-"
access_log_format = '%(h)s %(t)s "%(m)s %(U)s" %(s)s %(b)s %(M)sms'
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
limit_request_line = 4094
limit_request_fields = 100
