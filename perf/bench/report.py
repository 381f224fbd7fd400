"""The day's results: perf/bench/results/<date>.json (one run per database, the latest of the day)
and perf/bench/results/<date>.md, a short report with a table and a text bar chart per benchmark."""

import json
import os
import platform
from pathlib import Path
from typing import Any

import django
from django.utils import timezone

from perf.bench import Result

RESULTS_DIR = Path(__file__).resolve().parent / "results"
BAR_WIDTH = 40


def write(database: dict[str, str], results: dict[str, Result], directory: Path = RESULTS_DIR):
    """Adds this run to the day's JSON (replacing the same database's results of the same
    benchmarks) and writes the day's Markdown report from it. Returns the two paths."""
    directory.mkdir(parents=True, exist_ok=True)
    day = timezone.localdate().isoformat()
    json_path, md_path = directory / f"{day}.json", directory / f"{day}.md"
    data: dict[str, Any] = (
        json.loads(json_path.read_text()) if json_path.exists() else {"date": day, "runs": {}}
    )
    # A fresh database's run is keyed by its vendor; an existing one's by its name too.
    key = database.get("run", database["vendor"])
    run = data["runs"].setdefault(key, {"results": {}})
    run.update(
        database={k: v for k, v in database.items() if k != "run"},
        finished=timezone.localtime().isoformat(timespec="seconds"),
        python=platform.python_version(),
        django=django.get_version(),
        machine=f"{platform.system()} {platform.machine()}, {os.cpu_count()} CPUs",
        # Timings mean little on a busy machine: keep how busy it was.
        load_average=round(os.getloadavg()[0], 2),
    )
    run["results"].update(results)
    json_path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n")
    md_path.write_text(markdown(data))
    return json_path, md_path


def markdown(data: dict[str, Any]) -> str:
    lines = [
        f"# Benchmarks {data['date']}",
        "",
        "Made by `make bench` (see perf/bench/README.md); the figures are in the JSON file "
        "beside this.",
    ]
    for vendor, run in sorted(data["runs"].items()):
        db = run["database"]
        lines += [
            "",
            f"## {vendor} {db['version']}",
            "",
            f"Python {run['python']}, Django {run['django']}, {run['machine']} "
            f"(load average {run.get('load_average', '?')}), finished {run['finished']}.",
        ]
        for name, result in run["results"].items():
            lines += ["", f"### {name}: {'ok' if result['ok'] else 'FAILED'}", ""]
            lines += [result["title"] + ".", "", f"**{result['summary']}**", ""]
            lines += _table(result["rows"])
            if "chart" in result:
                lines += ["", *_chart(result["rows"], **result["chart"])]
    return "\n".join(lines) + "\n"


def _table(rows: list[dict[str, Any]]) -> list[str]:
    keys = list(rows[0]) if rows else []
    return [
        "| " + " | ".join(keys) + " |",
        "|" + "---:|" * len(keys),
        *("| " + " | ".join(str(row[k]) for k in keys) + " |" for row in rows),
    ]


def _chart(rows: list[dict[str, Any]], x: str, y: str) -> list[str]:
    """A text bar chart of y per x."""
    top = max((row[y] for row in rows), default=0) or 1
    width = max(len(x), *(len(str(row[x])) for row in rows))
    lines = ["```", f"{x:>{width}}  {y}"]
    for row in rows:
        bar = "█" * max(1, round(row[y] / top * BAR_WIDTH)) if row[y] else ""
        lines.append(f"{row[x]!s:>{width}}  {bar:<{BAR_WIDTH}} {row[y]}")
    return [*lines, "```"]
