"""The lab stays in its room: nothing in the product imports `perf` or a package only the lab
installs, and what production installs (requirements/base.txt) holds none of the lab's packages."""

import ast
import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
#: Not the product: the lab itself, and what is installed or generated.
NOT_PRODUCT = {"perf", ".venv", "node_modules", "static", "var", ".git"}


def product_files() -> list[Path]:
    files = []
    for path in ROOT.rglob("*.py"):
        relative = path.relative_to(ROOT)
        if relative.parts[0] not in NOT_PRODUCT:
            files.append(path)
    return files


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    modules: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            modules.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            modules.add(node.module)
    return modules


def lab_packages() -> list[str]:
    """The `perf` extra's distributions, by name (as pip and the lock files spell them)."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    extra = project["project"]["optional-dependencies"]["perf"]
    return [re.split(r"[<>=!~\[; ]", requirement, maxsplit=1)[0].lower() for requirement in extra]


def offences(forbidden: set[str]) -> list[str]:
    found = []
    for path in product_files():
        for module in imported_modules(path):
            if module.split(".")[0] in forbidden:
                found.append(f"{path.relative_to(ROOT)} imports {module}")
    return sorted(found)


def test_the_walk_sees_the_product_and_not_the_lab():
    files = {str(p.relative_to(ROOT)) for p in product_files()}
    assert "manage.py" in files and "booking/services/bookings/lifecycle.py" in files
    assert not any(f.startswith("perf/") for f in files)
    # It reads `from x import y`, `import x.y` and imports inside functions alike.
    seen = imported_modules(ROOT / "perf" / "scale" / "__main__.py")
    assert {"perf.scale.generate", "django.apps", "argparse"} <= seen


def test_no_product_module_imports_the_lab():
    assert offences({"perf", "bench", "loadtest", "faults"}) == []


def test_no_product_module_imports_a_package_only_the_lab_installs():
    # The module names of the perf extra's packages are their distribution names.
    assert lab_packages(), "pyproject.toml's perf extra is empty"
    assert offences(set(lab_packages())) == []


def test_production_installs_none_of_the_labs_packages():
    pinned = {
        line.split("==")[0].lower()
        for line in (ROOT / "requirements" / "base.txt").read_text(encoding="utf-8").splitlines()
        if "==" in line and not line.startswith((" ", "#"))
    }
    assert {"django", "psycopg"} <= pinned
    assert sorted(pinned & set(lab_packages())) == []
