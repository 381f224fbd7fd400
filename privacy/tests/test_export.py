from datetime import timedelta

from django.apps import apps
from django.utils import timezone

from audit.models import Purpose, Subject
from audit.services import lookup_record
from citizens.models import Citizen
from cv.tests.factories import CVFactory, WorkExperienceFactory
from joblog.tests.factories import EntryFactory
from plans.tests.factories import AgreementFactory, PlanFactory
from privacy.export import EXCLUDED, citizen_export, citizen_export_json


def _models_with_a_key_to_citizen() -> set[str]:
    return {
        model._meta.label
        for model in apps.get_models()
        for f in model._meta.concrete_fields
        if f.is_relation and f.related_model is Citizen
    }


def test_every_model_with_a_key_to_the_citizen_is_exported_or_excluded_with_a_reason(citizen):
    exported = {section.key for section in citizen_export(citizen=citizen)}
    missing = _models_with_a_key_to_citizen() - exported - set(EXCLUDED)
    assert not missing, f"Add these to the export or to privacy.export.EXCLUDED: {missing}"
    assert all(reason.strip() for reason in EXCLUDED.values())


def test_the_profile_shows_the_cpr_masked_and_no_secrets(citizen):
    data = citizen_export_json(citizen=citizen)
    text = str(data)
    assert citizen.cpr not in text
    assert f"{citizen.cpr[:6]}-XXXX" in text
    assert citizen.cpr_hash not in text
    assert str(citizen.public_id) not in text
    profile = data["areas"][0]["rows"][0]
    assert profile["name"] == citizen.user.name
    assert profile["mobile"] == citizen.mobile


def test_children_are_collected_under_their_parent(citizen):
    cv = CVFactory(citizen=citizen)
    WorkExperienceFactory(cv=cv, employer="Bageriet ApS")
    plan = PlanFactory(citizen=citizen)
    AgreementFactory(plan=plan, text="Søge tre stillinger om ugen")
    EntryFactory(citizen=citizen, employer="Lageret A/S")

    areas = {a["area"]: a for a in citizen_export_json(citizen=citizen)["areas"]}

    cv_row = areas["cv.CV"]["rows"][0]
    work = next(r for r in cv_row["related"] if r["area"] == "cv.WorkExperience")
    assert work["rows"][0]["employer"] == "Bageriet ApS"
    plan_row = areas["plans.Plan"]["rows"][0]
    agreements = next(r for r in plan_row["related"] if r["area"] == "plans.Agreement")
    assert agreements["rows"][0]["text"] == "Søge tre stillinger om ugen"
    assert areas["joblog.JoblogEntry"]["rows"][0]["employer"] == "Lageret A/S"


def test_the_lookup_log_respects_the_centres_choice_to_hide_staff_names(citizen, consultant):
    lookup_record(actor=consultant, citizen=citizen, subject=Subject.CV, purpose=Purpose.CASEWORK)
    areas = {a["area"]: a for a in citizen_export_json(citizen=citizen)["areas"]}
    assert areas["audit.LookupLog"]["rows"][0]["who"] == consultant.name

    citizen.job_centre.hide_staff_names_in_lookup_log = True
    citizen.job_centre.save()
    areas = {a["area"]: a for a in citizen_export_json(citizen=citizen)["areas"]}
    assert consultant.name not in str(areas["audit.LookupLog"])
    assert len(areas["audit.LookupLog"]["rows"]) == 1


def test_another_citizens_data_is_not_in_the_export(citizen, other_citizen):
    EntryFactory(citizen=other_citizen, employer="Den Andens Firma")
    text = str(citizen_export_json(citizen=citizen))
    assert "Den Andens Firma" not in text
    assert other_citizen.user.name not in text


def test_observation_consent_is_exported_without_the_feedback(citizen, consultant):
    from booking.tests.factories import BookingFactory
    from learning.models import ConsentMethod
    from learning.tests.factories import ObservationFactory

    booking = BookingFactory(
        citizen=citizen, consultant=consultant, start=timezone.now() + timedelta(days=2)
    )
    ObservationFactory(
        booking=booking,
        consent_at=timezone.now(),
        consent_method=ConsentMethod.ORAL,
        message="Se på mine åbne spørgsmål",
    )
    areas = {a["area"]: a for a in citizen_export_json(citizen=citizen)["areas"]}
    booking_row = areas["booking.Booking"]["rows"][0]
    observations = next(r for r in booking_row["related"] if r["area"] == "learning.Observation")
    assert observations["rows"][0]["consent_method"] == ConsentMethod.ORAL
    assert "message" not in observations["rows"][0]


def test_every_heading_and_column_has_a_translated_label_not_an_attribute_name():
    from django.utils.functional import Promise

    from privacy.export import FIELD_LABELS, MODEL_LABELS, _exported_fields, exported_models

    unnamed = []
    for model, parent in exported_models():
        if "verbose_name" not in model._meta.original_attrs and (
            model._meta.label not in MODEL_LABELS
        ):
            unnamed.append(model._meta.label)
        unnamed += [
            f"{model._meta.label}.{f.name}"
            for f in _exported_fields(model, parent)
            if not isinstance(f.verbose_name, Promise) and f.name not in FIELD_LABELS
        ]
    assert not unnamed, f"give these a verbose name (or privacy.export.*_LABELS): {unnamed}"


def test_lists_show_as_danish_words_not_python_or_codes(citizen):
    """ "Mine data" shows a plan's channels by their Danish names and driving licences as a
    plain list; the JSON keeps the codes."""
    from django.utils.translation import override

    PlanFactory(citizen=citizen, channels=["job_ad", "unsolicited"])
    CVFactory(citizen=citizen, driving_licences=["B", "C"])

    with override("da"):
        sections = {s.key: s for s in citizen_export(citizen=citizen)}
    plan = dict(sections["plans.Plan"].rows[0].display)
    cv = dict(sections["cv.CV"].rows[0].display)

    assert plan["hvordan du søger"] == "Jobannonce, Uopfordret"
    assert cv["kørekort"] == "B, C"
    assert sections["plans.Plan"].rows[0].values["channels"] == ["job_ad", "unsolicited"]
