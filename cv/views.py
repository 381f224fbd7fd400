"""The citizen's own CV (overview, one page per section entry, print) and the read-only view
for the staff who hold conversations with the citizen (each look written to the lookup log).
Staff never reach the citizen's edit pages: those are the citizen's own (policy "cv.use")."""

from dataclasses import dataclass

from django.contrib import messages
from django.db import models
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import TemplateView

from accounts import policy
from audit.mixins import LogsCitizenLookup
from audit.models import Purpose, Subject
from citizens.models import Citizen
from citizens.selectors import citizen_get, citizen_of_user
from common.forms import create_once, service_errors_to_form
from cv import forms, services
from cv.completeness import cv_completeness
from cv.models import Course, Education, Language, SoughtOccupation, WorkExperience
from cv.selectors import cv_detail


@dataclass(frozen=True)
class Section:
    """One list section of the CV: its entries are added, changed and deleted the same way."""

    key: str
    model: type[models.Model]
    form: type
    create_form: type
    title: Promise
    add_label: Promise
    edit_label: Promise


SECTIONS = {
    s.key: s
    for s in [
        Section(
            "occupation",
            SoughtOccupation,
            forms.SoughtOccupationForm,
            forms.SoughtOccupationCreateForm,
            gettext_lazy("I am looking for work as"),
            gettext_lazy("Add an occupation"),
            gettext_lazy("Change the occupation"),
        ),
        Section(
            "experience",
            WorkExperience,
            forms.WorkExperienceForm,
            forms.WorkExperienceCreateForm,
            gettext_lazy("Work experience"),
            gettext_lazy("Add work experience"),
            gettext_lazy("Change the work experience"),
        ),
        Section(
            "education",
            Education,
            forms.EducationForm,
            forms.EducationCreateForm,
            gettext_lazy("Education"),
            gettext_lazy("Add an education"),
            gettext_lazy("Change the education"),
        ),
        Section(
            "course",
            Course,
            forms.CourseForm,
            forms.CourseCreateForm,
            gettext_lazy("Courses and certificates"),
            gettext_lazy("Add a course or certificate"),
            gettext_lazy("Change the course or certificate"),
        ),
        Section(
            "language",
            Language,
            forms.LanguageForm,
            forms.LanguageCreateForm,
            gettext_lazy("Languages"),
            gettext_lazy("Add a language"),
            gettext_lazy("Change the language"),
        ),
    ]
}


def _own_citizen(request) -> Citizen:
    policy.require(request.user, "cv.use")
    return citizen_of_user(user=request.user)


def _overview_url(section: Section) -> str:
    return f"{reverse('cv:own')}#{section.key}"


def _item(section: Section, citizen: Citizen, pk: int) -> models.Model:
    """An entry of the citizen's own CV; any other id is a 404."""
    return get_object_or_404(section.model, pk=pk, cv__citizen=citizen)


class OwnCvView(View):
    template_name = "cv/own.html"

    def get(self, request):
        citizen = _own_citizen(request)
        cv = cv_detail(citizen=citizen)
        return render(
            request,
            self.template_name,
            {"cv": cv, "completeness": cv_completeness(cv), "sections": SECTIONS},
        )


class ItemCreateView(View):
    template_name = "cv/item_form.html"
    section_key = ""

    @property
    def section(self) -> Section:
        return SECTIONS[self.section_key]

    def _render(self, request, form, status=200):
        context = {"form": form, "section": self.section, "heading": self.section.add_label}
        return render(request, self.template_name, context, status=status)

    def get(self, request):
        _own_citizen(request)
        return self._render(request, self.section.create_form())

    def post(self, request):
        citizen = _own_citizen(request)
        form = self.section.create_form(request.POST)
        if form.is_valid():

            def create() -> str:
                services.cv_item_save(citizen=citizen, item=form.instance)
                messages.success(request, _("Added to your CV."))
                return _overview_url(self.section)

            url = create_once(request, form, create, _overview_url(self.section))
            if url:
                return redirect(url)
        return self._render(request, form, status=400)


class ItemUpdateView(View):
    template_name = "cv/item_form.html"
    section_key = ""

    @property
    def section(self) -> Section:
        return SECTIONS[self.section_key]

    def _render(self, request, form, item, status=200):
        context = {
            "form": form,
            "section": self.section,
            "heading": self.section.edit_label,
            "item": item,
            "delete_url": reverse(f"cv:{self.section.key}_delete", args=[item.pk]),
        }
        return render(request, self.template_name, context, status=status)

    def get(self, request, pk):
        citizen = _own_citizen(request)
        item = _item(self.section, citizen, pk)
        return self._render(request, self.section.form(instance=item), item)

    def post(self, request, pk):
        citizen = _own_citizen(request)
        item = _item(self.section, citizen, pk)
        form = self.section.form(request.POST, instance=item)
        if form.is_valid() and service_errors_to_form(
            form, lambda: services.cv_item_save(citizen=citizen, item=form.instance)
        ):
            messages.success(request, _("The change is saved."))
            return redirect(_overview_url(self.section))
        return self._render(request, form, item, status=400)


class ItemDeleteView(View):
    template_name = "cv/item_delete.html"
    section_key = ""

    @property
    def section(self) -> Section:
        return SECTIONS[self.section_key]

    def get(self, request, pk):
        citizen = _own_citizen(request)
        item = _item(self.section, citizen, pk)
        return render(request, self.template_name, {"item": item, "section": self.section})

    def post(self, request, pk):
        citizen = _own_citizen(request)
        item = _item(self.section, citizen, pk)
        services.cv_item_delete(citizen=citizen, item=item)
        messages.success(request, _("Deleted from your CV."))
        return redirect(_overview_url(self.section))


class SkillsView(View):
    template_name = "cv/skills.html"

    def get(self, request):
        citizen = _own_citizen(request)
        cv = services.cv_get_or_create(citizen=citizen)
        form = forms.SkillsForm(
            initial={
                "skills": [s.skill_id for s in cv.skills.all()],
                "other_skills": cv.other_skills,
            }
        )
        return render(request, self.template_name, {"form": form})

    def post(self, request):
        citizen = _own_citizen(request)
        form = forms.SkillsForm(request.POST)
        if form.is_valid() and service_errors_to_form(
            form,
            lambda: services.cv_skills_set(
                citizen=citizen,
                skills=form.cleaned_data["skills"],
                other_skills=form.cleaned_data["other_skills"],
            ),
        ):
            messages.success(request, _("Your skills are saved."))
            return redirect(f"{reverse('cv:own')}#skills")
        return render(request, self.template_name, {"form": form}, status=400)


class ProfileView(View):
    template_name = "cv/profile.html"

    def get(self, request):
        citizen = _own_citizen(request)
        cv = services.cv_get_or_create(citizen=citizen)
        return render(request, self.template_name, {"form": forms.ProfileForm(instance=cv)})

    def post(self, request):
        citizen = _own_citizen(request)
        cv = services.cv_get_or_create(citizen=citizen)
        form = forms.ProfileForm(request.POST, instance=cv)
        if form.is_valid() and service_errors_to_form(
            form,
            lambda: services.cv_profile_update(
                citizen=citizen,
                profile_text=form.cleaned_data["profile_text"],
                driving_licences=form.cleaned_data["driving_licences"],
                visible_to_employers=form.cleaned_data["visible_to_employers"],
            ),
        ):
            messages.success(request, _("Your profile is saved."))
            return redirect(f"{reverse('cv:own')}#profile")
        return render(request, self.template_name, {"form": form}, status=400)


class PrintView(View):
    template_name = "cv/print.html"

    def get(self, request):
        citizen = _own_citizen(request)
        return render(
            request, self.template_name, {"cv": cv_detail(citizen=citizen), "citizen": citizen}
        )


class StaffCvView(LogsCitizenLookup, TemplateView):
    """The citizen's CV for the consultant preparing a conversation: read-only."""

    template_name = "cv/staff.html"
    lookup_subject = Subject.CV
    lookup_purpose = Purpose.PREPARATION

    def get_context_data(self, **kwargs):
        citizen = citizen_get(
            user=policy.signed_in(self.request.user), public_id=kwargs["citizen_id"]
        )
        policy.require(self.request.user, "job_search.read", citizen)
        self.log_lookup(citizen)
        cv = cv_detail(citizen=citizen)
        return super().get_context_data(
            citizen=citizen, cv=cv, completeness=cv_completeness(cv), sections=SECTIONS
        )
