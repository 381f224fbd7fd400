"""Without xmlsec1 the SAML tests skip and say why (the README promises that of every missing
system program); with JOBSAMTALE_NO_SKIP=1, as in CI, the run fails instead. The missing
program is simulated by pointing SAML_XMLSEC_BINARY at a file that does not exist."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
A_SAML_TEST = "sso/tests/test_saml.py::test_metadata_names_our_acs_and_certificate"


def run_pytest(tmp_path, **env) -> subprocess.CompletedProcess:
    environment = {
        **os.environ,
        "SAML_XMLSEC_BINARY": str(tmp_path / "no-xmlsec1"),
        "JOBSAMTALE_NO_SKIP": "",
        **env,
    }
    environment.pop("PYTEST_XDIST_WORKER", None)
    return subprocess.run(  # noqa: S603 - our own interpreter and test
        [sys.executable, "-m", "pytest", A_SAML_TEST, "-p", "no:cacheprovider", "-n", "0"],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def test_without_xmlsec1_the_saml_tests_skip_with_the_reason(tmp_path):
    result = run_pytest(tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 skipped" in result.stdout
    assert f"no xmlsec1 at {tmp_path / 'no-xmlsec1'}" in result.stdout
    assert "install Debian's 'xmlsec1'" in result.stdout


def test_ci_fails_instead_of_skipping_them(tmp_path):
    result = run_pytest(tmp_path, JOBSAMTALE_NO_SKIP="1")
    assert result.returncode != 0
    assert "CI skips nothing" in result.stdout + result.stderr
    assert "no xmlsec1" in result.stdout + result.stderr
