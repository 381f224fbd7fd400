"""The layers of docs/ARCHITECTURE.md hold, and `make check` (its `layers` step, lint-imports
with the contracts in pyproject.toml) fails the moment an app imports one above it."""

import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def lint_imports(root: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run(  # noqa: S603 (our own tool, fixed arguments)
        [str(LINT_IMPORTS), "--no-cache"],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def contract(kind: str) -> dict:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    (found,) = [c for c in config["tool"]["importlinter"]["contracts"] if c["type"] == kind]
    return found


def test_the_product_keeps_its_layers_and_leaves_the_lab_alone():
    result = lint_imports()
    assert result.returncode == 0, result.stdout + result.stderr
    assert "2 kept, 0 broken" in result.stdout
    assert "ignore_imports" not in (ROOT / "pyproject.toml").read_text(encoding="utf-8")


def test_an_upward_import_breaks_the_check(tmp_path):
    """A module in `common` (the bottom layer) that imports `dashboard` (the top) is refused.
    Tried on a copy of the tree (the apps linked, `common` copied), so the real one is untouched."""
    for entry in ROOT.iterdir():
        if entry.name != "common" and not entry.name.startswith("."):
            (tmp_path / entry.name).symlink_to(entry)
    shutil.copytree(
        ROOT / "common", tmp_path / "common", ignore=shutil.ignore_patterns("__pycache__")
    )
    (tmp_path / "common" / "upward_probe.py").write_text("import dashboard.views  # noqa: F401\n")
    result = lint_imports(tmp_path)
    assert result.returncode != 0
    assert "The product's layers (docs/ARCHITECTURE.md) BROKEN" in result.stdout
    assert "common.upward_probe -> dashboard.views" in result.stdout


def test_every_product_app_is_on_a_layer_and_the_docs_list_the_same_layers():
    layers = contract("layers")["layers"]
    on_a_layer = {app.strip() for layer in layers for app in re.split(r"[|:]", layer)}
    installed = set(contract("forbidden")["source_modules"])
    assert on_a_layer == installed
    apps_on_disk = {p.parent.name for p in ROOT.glob("*/apps.py")}
    assert apps_on_disk <= on_a_layer
    architecture = (ROOT / "docs" / "ARCHITECTURE.md").read_text(encoding="utf-8")
    documented = re.search(r"## Layers\n.*?```\n(.*?)```", architecture, re.S)
    assert documented, "docs/ARCHITECTURE.md has no Layers block"
    assert [line.strip() for line in documented.group(1).strip().splitlines()] == layers


def test_every_hook_is_provided_and_every_registered_rule_and_scope_is_there():
    """What the lower apps ask of the higher ones is answered once the apps are loaded."""
    from importlib import import_module
    from importlib.util import find_spec

    from accounts import policy
    from common.hooks import Hook

    hooks = []
    for app in contract("forbidden")["source_modules"]:
        if find_spec(app) and find_spec(f"{app}.hooks"):
            module = import_module(f"{app}.hooks")
            hooks += [value for value in vars(module).values() if isinstance(value, Hook)]
    assert len(hooks) >= 3
    assert [hook for hook in hooks if not hook.provided] == []
    assert {"staff", "citizens", "bookings", "topics", "teams", "correction_requests"} <= set(
        policy.SCOPES
    )
    assert "evaluation.give" in policy.RULES
