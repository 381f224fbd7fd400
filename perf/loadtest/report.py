"""perf/bench/results/load-<date>.json and .md: one section per command (mixed, spike, contention,
scaleout, sqlite); a later run of the same command that day replaces its section, like the
daily bench report replaces a vendor's figures."""

import json
import os
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

RESULTS = Path(__file__).resolve().parent.parent / "bench" / "results"
ORDER = ["mixed", "spike", "contention", "scaleout", "sqlite"]


def today() -> str:
    return datetime.now(ZoneInfo("Europe/Copenhagen")).date().isoformat()


def machine() -> dict:
    """What else the machine was doing: the figures are only comparable within one run."""
    load = os.getloadavg()
    return {"cpus": os.cpu_count(), "loadavg_1_5_15": [round(x, 2) for x in load]}


def _cell(value) -> str:
    if isinstance(value, float):
        return f"{value:,.1f}" if abs(value) >= 100 else f"{value:.2f}".rstrip("0").rstrip(".")
    if isinstance(value, list):
        return ", ".join(_cell(v) for v in value)
    return str(value)


def _table(rows: list[dict]) -> list[str]:
    if not rows:
        return ["(no rows)"]
    keys = list(dict.fromkeys(k for row in rows for k in row))
    lines = ["| " + " | ".join(keys) + " |", "|" + "---|" * len(keys)]
    for row in rows:
        lines.append("| " + " | ".join(_cell(row.get(k, "")) for k in keys) + " |")
    return lines


def render(data: dict) -> str:
    """The Markdown report of all sections of one day."""
    lines = [f"# Load tests {data['date']}", ""]
    lines.append(
        "Written by `python -m perf.loadtest <command>` (`make load LOAD_ARGS=<command>`); "
    )
    lines.append("see docs/scaling.md. Each section is one run; ratios compare within it.")
    sections = data.get("sections", {})
    for name in sorted(sections, key=lambda n: (ORDER.index(n) if n in ORDER else 99, n)):
        section = sections[name]
        lines += ["", f"## {section.get('title', name)}", ""]
        verdict = "met" if section.get("ok") else "NOT met"
        lines.append(f"Goals: **{verdict}**. Command: `{section.get('command', '')}`, at ")
        lines.append(f"{section.get('ran_at', '')}, machine {_cell(section.get('machine', ''))}.")
        lines.append("")
        lines += [f"- {line}" for line in section.get("summary", [])]
        for table in section.get("tables", []):
            lines += ["", f"### {table['title']}", "", *_table(table["rows"])]
    return "\n".join(lines) + "\n"


def write(name: str, section: dict, results: Path = RESULTS, date: str | None = None) -> Path:
    """Stores `section` under `name` in the day's JSON and rewrites the Markdown; returns the
    Markdown's path."""
    date = date or today()
    results.mkdir(parents=True, exist_ok=True)
    json_path = results / f"load-{date}.json"
    data: dict = json.loads(json_path.read_text()) if json_path.exists() else {"date": date}
    data.setdefault("sections", {})[name] = section
    json_path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n")
    md_path = results / f"load-{date}.md"
    md_path.write_text(render(data))
    return md_path
