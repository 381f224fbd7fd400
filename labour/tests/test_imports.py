"""Importing JobPosting JSON-LD and CSV: what is matched, what is updated, and every kind of
bad input reported by number, with nothing half-saved."""

import json
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone
from django.utils.translation import override

from labour.imports import CSV, JSONLD, html_to_text, openings_import
from labour.models import EmploymentType, JobOpening, Source
from labour.tests.factories import VALID_CVRS, CompanyFactory, OpeningFactory
from occupations.models import Occupation, Skill

pytestmark = pytest.mark.django_db

SAMPLE = Path(__file__).resolve().parents[1] / "data" / "jobposting_sample.jsonld"


def posting(**changes):
    node = {
        "@context": "https://schema.org",
        "@type": "JobPosting",
        "identifier": {"@type": "PropertyValue", "value": "A-1"},
        "title": "Sygeplejersker til akutmodtagelsen",
        "description": "<p>Vi søger <b>dig</b>.</p><script>alert(1)</script>",
        "hiringOrganization": {"@type": "Organization", "name": "Hvidovre Hospital"},
        "jobLocation": {
            "@type": "Place",
            "address": {
                "streetAddress": "Kettegård Allé 30",
                "postalCode": "2650",
                "addressLocality": "Hvidovre",
            },
        },
        "datePosted": "2026-11-20",
        "validThrough": "2026-12-31T23:59:00+01:00",
        "employmentType": "PART_TIME",
        "occupationalCategory": "2221",
        "skills": ["Medicinhåndtering", "Noget helt andet"],
        "baseSalary": {
            "@type": "MonetaryAmount",
            "currency": "DKK",
            "value": {"minValue": 36000, "maxValue": 42000, "unitText": "MONTH"},
        },
        "url": "https://job.example.dk/a-1",
    }
    node.update(changes)
    return {k: v for k, v in node.items() if v is not None}


def script(data) -> str:
    """A JSON-LD block as a page carries it ("</" escaped, as JSON allows)."""
    text = json.dumps(data).replace("</", "<\\/")
    return f'<script type="application/ld+json">{text}</script>'


def run(centre, data, kind=JSONLD, **kwargs):
    raw = data if isinstance(data, bytes) else json.dumps(data).encode()
    return openings_import(job_centre=centre, user=None, raw=raw, kind=kind, **kwargs)


def test_a_jobposting_is_imported_with_every_field(centre):
    nurse = Occupation.objects.get(title="Sygeplejerske")
    report = run(centre, posting())
    assert (report.created, report.updated, report.unchanged, report.problems) == (1, 0, 0, [])
    opening = JobOpening.objects.get()
    assert opening.identifier == "A-1" and opening.source == Source.JSONLD
    assert opening.title == "Sygeplejersker til akutmodtagelsen"
    assert opening.description == "Vi søger dig."
    assert opening.employer_name == "Hvidovre Hospital" and opening.company is None
    assert (opening.street, opening.postcode, opening.town) == (
        "Kettegård Allé 30",
        "2650",
        "Hvidovre",
    )
    assert str(opening.date_posted) == "2026-11-20" and str(opening.valid_through) == "2026-12-31"
    assert opening.employment_type == EmploymentType.PART_TIME
    assert opening.occupation == nurse
    assert opening.skills_text == "Medicinhåndtering, Noget helt andet"
    assert list(opening.skills.values_list("name", flat=True)) == ["Medicinhåndtering"]
    assert opening.base_salary == "36.000\u201342.000 DKK pr. måned"
    assert opening.url == "https://job.example.dk/a-1"
    assert "sygeplejersk" in opening.search_document


def test_the_employer_is_matched_by_cvr_then_by_name(centre, other_centre):
    by_cvr = CompanyFactory(job_centre=centre, cvr=VALID_CVRS[2], name="Et andet navn")
    by_name = CompanyFactory(job_centre=centre, name="Lager A/S")
    CompanyFactory(job_centre=other_centre, cvr=VALID_CVRS[3], name="Fremmed")
    organisation = {
        "@type": "Organization",
        "name": "Region H",
        "sameAs": f"https://datacvr.virk.dk/enhed/virksomhed/{VALID_CVRS[2]}",
    }
    run(
        centre,
        {
            "@graph": [
                posting(hiringOrganization=organisation),
                posting(identifier="A-2", hiringOrganization={"name": "lager a/s"}),
                posting(
                    identifier="A-3",
                    hiringOrganization={
                        "name": "Fremmed",
                        "identifier": {"propertyID": "CVR", "value": VALID_CVRS[3]},
                    },
                ),
            ]
        },
    )
    openings = {o.identifier: o for o in JobOpening.objects.all()}
    assert openings["A-1"].company == by_cvr and openings["A-1"].employer_name == ""
    assert openings["A-2"].company == by_name
    assert openings["A-3"].company is None and openings["A-3"].employer_name == "Fremmed"


def test_importing_the_sample_twice_changes_nothing_the_second_time(centre):
    raw = SAMPLE.read_bytes()
    first = openings_import(job_centre=centre, user=None, raw=raw, kind=JSONLD)
    assert first.problems == [] and first.created == 30
    before = list(JobOpening.objects.order_by("pk").values())
    second = openings_import(job_centre=centre, user=None, raw=raw, kind=JSONLD)
    assert (second.created, second.updated, second.unchanged) == (0, 0, 30)
    assert list(JobOpening.objects.order_by("pk").values()) == before
    with override("da"):
        assert second.saved


def test_a_changed_posting_updates_the_opening_instead_of_adding_one(centre):
    run(centre, posting())
    report = run(centre, posting(title="Sygeplejerske til akutmodtagelsen, nat"))
    assert (report.created, report.updated, report.unchanged) == (0, 1, 0)
    opening = JobOpening.objects.get()
    assert opening.title.endswith(", nat") and "nat" in opening.search_document


def test_without_an_identifier_the_url_recognises_the_opening(centre):
    run(centre, posting(identifier=None))
    report = run(centre, posting(identifier=None, title="Ny titel"))
    assert (report.created, report.updated) == (0, 1)
    assert JobOpening.objects.get().identifier == "https://job.example.dk/a-1"


def test_an_update_keeps_what_the_consultant_added(centre, business_consultant):
    run(centre, posting())
    JobOpening.objects.update(consultant=business_consultant)
    run(centre, posting(title="Ændret"))
    assert JobOpening.objects.get().consultant == business_consultant


def test_page_source_with_several_blocks_graphs_and_lists(centre):
    item_list = {
        "@graph": [
            {
                "@type": "ItemList",
                "itemListElement": [{"@type": "ListItem", "item": posting(identifier="C-1")}],
            }
        ]
    }
    page = (
        "<!doctype html><html><head>"
        + script(posting())
        + script([posting(identifier="B-1")]).replace(
            '"application/ld+json"', "application/ld+json"
        )
        + script({"@type": "WebSite", "name": "x"})
        + script(item_list)
        + "</head><body><script>var x = 1;</script></body></html>"
    )
    report = run(centre, page.encode())
    assert report.created == 3 and report.problems == []
    assert set(JobOpening.objects.values_list("identifier", flat=True)) == {"A-1", "B-1", "C-1"}
    assert JobOpening.objects.get(identifier="A-1").description == "Vi søger dig."


def test_bad_postings_are_reported_by_number_and_the_good_ones_imported(centre):
    report = run(
        centre,
        [
            posting(),
            posting(identifier="2", title=""),
            posting(identifier="3", validThrough="31. december"),
            posting(identifier="4", datePosted="2026-02-30"),
            posting(identifier="5"),
        ],
    )
    assert report.created == 2 and report.saved
    assert [p.number for p in report.problems] == [2, 3, 4]
    assert JobOpening.objects.count() == 2
    with override("en"):
        report = run(centre, [posting(identifier="6", title=" ")])
        assert "no title" in report.problems[0].reason
        report = run(centre, [posting(identifier="7", validThrough="snart")])
        assert "snart" in report.problems[0].reason and "not a date" in report.problems[0].reason


def test_all_or_nothing_saves_nothing_when_one_posting_is_bad(centre):
    report = run(centre, [posting(), posting(identifier="2", title="")], all_or_nothing=True)
    assert report.stopped and not report.saved and report.created == 0
    assert not JobOpening.objects.exists()
    report = run(centre, [posting(), posting(identifier="2")], all_or_nothing=True)
    assert report.created == 2


def test_malformed_json_is_reported_with_its_line(centre):
    with override("en"):
        report = run(centre, b'{"@type": "JobPosting", "title": "Kok",\n}')
    assert report.problems[0].number is None and "line 2" in report.problems[0].reason
    assert not report.saved and not JobOpening.objects.exists()


def test_one_malformed_block_in_a_page_does_not_stop_the_others(centre):
    page = '<script type="application/ld+json">{ not json }</script>' + script(posting())
    with override("en"):
        report = run(centre, page.encode())
    assert report.created == 1 and "block 1" in report.problems[0].reason


def test_input_without_any_jobposting_says_so(centre):
    with override("en"):
        assert "JobPosting" in run(centre, {"@type": "WebSite"}).problems[0].reason
        assert "neither" in run(centre, b"<html><body>Hej</body></html>").problems[0].reason


def test_a_second_posting_with_the_same_identifier_is_a_problem(centre):
    report = run(centre, [posting(), posting(title="Anden")])
    assert report.created == 1 and [p.number for p in report.problems] == [2]


CSV_HEADER = (
    "identifier;title;hiringOrganization;cvr;postalCode;addressLocality;datePosted;"
    "validThrough;employmentType;occupationalCategory;skills;baseSalary;url;totalJobOpenings\n"
)


def test_a_csv_file_with_a_bom_and_semicolons(centre):
    company = CompanyFactory(job_centre=centre, cvr=VALID_CVRS[4])
    text = CSV_HEADER + (
        f"L-1;Lagerarbejdere;Hvem som helst;{VALID_CVRS[4]};2605;Brøndby;2026-11-20;"
        "31-12-2026;fuldtid;Lagerarbejder;Truckcertifikat|Lagerstyring;32.000 kr.;;4\n"
    )
    report = run(centre, ("\ufeff" + text).encode("utf-8"), kind=CSV)
    assert report.created == 1 and report.problems == []
    opening = JobOpening.objects.get()
    assert opening.company == company and opening.source == Source.CSV
    assert opening.occupation.title == "Lagerarbejder" and opening.positions == 4
    assert str(opening.valid_through) == "2026-12-31"
    assert set(opening.skills.values_list("name", flat=True)) == {
        "Truckcertifikat",
        "Lagerstyring",
    }


def test_a_csv_file_with_commas_and_danish_column_names(centre):
    text = 'titel,arbejdsgiver,postnr,by,ansøgningsfrist\n"Kok, frokost",Kantinen,2600,Glostrup,\n'
    report = run(centre, text.encode(), kind=CSV)
    assert report.created == 1
    opening = JobOpening.objects.get()
    assert opening.title == "Kok, frokost" and opening.valid_through is None
    assert opening.date_posted == timezone.localdate()


def test_a_csv_file_without_the_title_column(centre):
    with override("en"):
        report = run(centre, b"employer;postalCode\nX;2605\n", kind=CSV)
    assert report.problems[0].number is None and "title" in report.problems[0].reason
    assert not JobOpening.objects.exists()


def test_a_csv_file_that_is_not_utf8_says_so(centre):
    text = CSV_HEADER.replace("\n", "") + "\nX;Pædagog;Børnehuset Ærø\n"
    with override("en"):
        report = run(centre, text.encode("cp1252"), kind=CSV)
    assert "UTF-8" in report.problems[0].reason and not JobOpening.objects.exists()


def test_csv_rows_are_reported_by_their_line(centre):
    text = CSV_HEADER + (
        "1;God;A;;2605;Brøndby;;;;;;;;\n"
        "2;;A;;2605;Brøndby;;;;;;;;\n"
        "3;Dato forkert;A;;2605;Brøndby;i går;;;;;;;\n"
        "4;Antal forkert;A;;2605;Brøndby;;;;;;;;mange\n"
        f"5;CVR forkert;A;{VALID_CVRS[0][:-1]}9;2605;Brøndby;;;;;;;;\n"
    )
    report = run(centre, text.encode(), kind=CSV)
    assert report.created == 1
    assert [p.number for p in report.problems] == [3, 4, 5, 6]


def test_reimporting_a_csv_without_identifiers_changes_nothing(centre):
    text = "title;hiringOrganization;postalCode;datePosted\nKok;Kantinen;2600;2026-11-20\n"
    run(centre, text.encode(), kind=CSV)
    report = run(centre, text.encode(), kind=CSV)
    assert (report.created, report.unchanged) == (0, 1)


def test_nothing_is_half_saved_when_saving_fails(centre, monkeypatch):
    """The openings are inserted, then their skills: a failure at the skills undoes both."""
    Skill.objects.get_or_create(name="Medicinhåndtering")
    through = JobOpening.skills.through.objects

    def failing_insert(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(through, "bulk_create", failing_insert)
    with pytest.raises(RuntimeError):
        run(centre, [posting(), posting(identifier="2")])
    assert not JobOpening.objects.exists()


def test_manual_openings_are_never_touched_by_an_import(centre):
    manual = OpeningFactory(job_centre=centre, title="Manuel")
    run(centre, posting())
    manual.refresh_from_db()
    assert manual.title == "Manuel" and JobOpening.objects.count() == 2


@pytest.mark.parametrize(
    ("html", "text"),
    [
        ("<p>Et</p><p>To</p>", "Et\n\nTo"),
        ("<ul><li>a</li><li>b</li></ul>", "- a\n- b"),
        ("A &amp; B &ndash; C", "A & B \u2013 C"),
        ("<style>p{}</style><script>x()</script>Hej", "Hej"),
        ('<img src=x onerror="alert(1)">Hej<br>dav', "Hej\ndav"),
    ],
)
def test_html_becomes_plain_text(html, text):
    assert html_to_text(html) == text


def test_the_command_imports_a_file(centre, tmp_path, capsys):
    path = tmp_path / "openings.jsonld"
    path.write_text(json.dumps(posting()), encoding="utf-8")
    call_command("import_openings", str(path), "--centre", centre.name)
    call_command("import_openings", str(path), "--centre", centre.name)
    out = capsys.readouterr().out
    assert "1 new" in out and "0 new, 0 updated, 1 unchanged" in out
    with pytest.raises(CommandError):
        call_command("import_openings", str(path), "--centre", "Intet jobcenter")


def test_the_skills_are_matched_case_insensitively(centre):
    Skill.objects.get_or_create(name="Truckcertifikat")
    run(centre, posting(skills="truckcertifikat, godt humør"))
    assert list(JobOpening.objects.get().skills.values_list("name", flat=True)) == [
        "Truckcertifikat"
    ]
