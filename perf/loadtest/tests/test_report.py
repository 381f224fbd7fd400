"""The report writer: one section per command in the day's JSON, the Markdown rebuilt from
all of them, a later run of a command replacing its section only."""

import json

from perf.loadtest import report


def _section(rps: float) -> dict:
    return {
        "title": "Mixed load",
        "ok": True,
        "command": "python -m perf.loadtest mixed",
        "ran_at": "2026-11-23T17:00:00+01:00",
        "machine": {"cpus": 2},
        "summary": [f"steady: {rps} req/s"],
        "tables": [{"title": "Phases", "rows": [{"phase": "steady", "achieved req/s": rps}]}],
        "figures": {"rps": rps},
    }


def test_sections_are_kept_and_replaced(tmp_path):
    report.write("mixed", _section(140.0), results=tmp_path, date="2026-11-23")
    report.write("contention", {**_section(1.0), "title": "Contention", "ok": False},
                 results=tmp_path, date="2026-11-23")  # fmt: skip
    md = report.write("mixed", _section(151.5), results=tmp_path, date="2026-11-23")

    data = json.loads((tmp_path / "load-2026-11-23.json").read_text())
    assert set(data["sections"]) == {"mixed", "contention"}
    assert data["sections"]["mixed"]["figures"]["rps"] == 151.5
    text = md.read_text()
    assert md.name == "load-2026-11-23.md"
    assert text.index("## Mixed load") < text.index("## Contention")
    assert "| steady | 151.5 |" in text and "140" not in text
    assert "Goals: **NOT met**" in text and "Goals: **met**" in text


def test_an_empty_table_says_so():
    assert report.render({"date": "d", "sections": {"x": {"tables": [{"title": "t", "rows": []}]}}})
