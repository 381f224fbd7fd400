import os
import runpy
import subprocess
import sys
from pathlib import Path

from cryptography.fernet import Fernet

ROOT = Path(__file__).resolve().parents[2]


def test_production_settings_pass_check_deploy_with_no_warnings():
    env = {
        **{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"},
        "DJANGO_SECRET_KEY": "x" * 20 + "a-long-random-production-secret-key-value",
        "FIELD_ENCRYPTION_KEYS": Fernet.generate_key().decode(),
        "CPR_HASH_KEY": "a-production-hash-key-of-at-least-32-bytes",
        "ALLOWED_HOSTS": "jobsamtale.example.dk",
        "SITE_URL": "https://jobsamtale.example.dk",
        "DATABASE_URL": "postgres://jobsamtale@db.invalid:5432/jobsamtale",
        "REDIS_URL": "redis://redis.invalid:6379/0",
    }
    result = subprocess.run(
        [
            sys.executable,
            "manage.py",
            "check",
            "--deploy",
            "--fail-level",
            "WARNING",
            "--settings=config.settings.production",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_its_secrets():
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DJANGO_SECRET_KEY", "FIELD_ENCRYPTION_KEYS")
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--settings=config.settings.production"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert "Set the environment variable" in result.stderr


def test_the_production_access_log_leaves_out_query_strings():
    import datetime
    from types import SimpleNamespace

    from gunicorn.config import Config
    from gunicorn.glogging import Logger

    namespace = runpy.run_path(str(ROOT / "config/gunicorn.conf.py"))
    config = Config()
    config.set("access_log_format", namespace["access_log_format"])
    environ = {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": "/borgere/",
        "QUERY_STRING": "q=0101901234",
        "RAW_URI": "/borgere/?q=0101901234",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "10.0.0.1",
    }
    response = SimpleNamespace(status="200 OK", response_length=10, headers=[], sent=10)
    request = SimpleNamespace(headers=[])
    atoms = Logger(config).atoms(response, request, environ, datetime.timedelta(seconds=0.01))
    line = config.access_log_format % atoms
    assert '"GET /borgere/"' in line
    assert "0101901234" not in line and "q=" not in line
