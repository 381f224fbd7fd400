"""A course's transitions: sent for approval, approved and signed by both parties, started,
ended and cancelled."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views import View

from accounts import policy
from common.forms import service_errors_to_form
from courses import selectors, services
from courses.forms import (
    CancelForm,
    CompanyApprovalForm,
    EndForm,
    JobCentreApprovalForm,
    StartForm,
)
from courses.models import Party, Status
from courses.views.records import (
    StaffCourseMixin,
    _apply_errors,
    _approve_url,
    _detail_url,
    _is_conflict,
)


class CourseSubmitView(StaffCourseMixin, View):
    http_method_names = ["post"]

    def post(self, request, public_id):
        try:
            services.course_submit_for_approval(course=self.course, actor=request.user)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
            return redirect(_detail_url(self.course))
        return redirect(_approve_url(self.course))


class CourseApproveView(StaffCourseMixin, View):
    """The page both parties approve on, at the company: the agreement in plain words, then the
    company's block and the job centre's block. Each form carries the version it showed."""

    template_name = "courses/approve.html"

    def _forms(self, data=None, party=None):
        course = self.course
        initial = {"version": course.version}
        company = CompanyApprovalForm(
            data if party == Party.COMPANY else None, initial=initial, company=course.company
        )
        centre = JobCentreApprovalForm(data if party == Party.JOB_CENTRE else None, initial=initial)
        return company, centre

    def _render(self, request, company_form, centre_form, status=200):
        course = self.course
        return render(
            request,
            self.template_name,
            {
                "course": course,
                "approvals": selectors.approvals_by_party(course),
                "company_form": company_form,
                "centre_form": centre_form,
                "Status": Status,
            },
            status=status,
        )

    def get(self, request, public_id):
        self.looked_up()
        return self._render(request, *self._forms())

    def post(self, request, public_id):
        party = request.POST.get("party")
        if party not in Party.values:
            return redirect(_approve_url(self.course))
        company_form, centre_form = self._forms(request.POST, party)
        form = company_form if party == Party.COMPANY else centre_form
        if form.is_valid():
            try:
                services.course_approve(
                    course=self.course,
                    party=party,
                    by_user=request.user,
                    by_name=form.cleaned_data.get("name", ""),
                    version=form.cleaned_data["version"],
                )
            except ValidationError as error:
                if _is_conflict(error):
                    # The agreement changed under the page: show the new text and ask again.
                    messages.error(request, error.messages[0])
                    return redirect(_approve_url(self.course))
                _apply_errors(form, error)
            else:
                self.course.refresh_from_db()
                if self.course.status == Status.APPROVED:
                    messages.success(request, _("The agreement is approved by both parties."))
                else:
                    messages.success(request, _("The approval is recorded."))
                return redirect(_approve_url(self.course))
        return self._render(request, company_form, centre_form, status=400)


class CourseStartView(StaffCourseMixin, View):
    http_method_names = ["post"]

    def post(self, request, public_id):
        form = StartForm(request.POST)
        if form.is_valid():
            try:
                services.course_start(
                    course=self.course, actor=request.user, on=form.cleaned_data["on"]
                )
            except ValidationError as error:
                for message in error.messages:
                    messages.error(request, message)
            else:
                messages.success(request, _("The course is marked as started."))
        else:
            messages.error(request, _("Please give the first day as a date."))
        return redirect(_detail_url(self.course))


class _TransitionFormView(StaffCourseMixin, View):
    """A small page with one form for a transition (end, cancel)."""

    form_class: type
    title: str
    button: str
    done: str

    def _render(self, request, form, status=200):
        context = {
            "course": self.course,
            "form": form,
            "title": self.title,
            "button": self.button,
        }
        return render(request, "courses/transition.html", context, status=status)

    def call(self, form):
        raise NotImplementedError

    def get(self, request, public_id):
        self.looked_up()
        return self._render(request, self.form_class())

    def post(self, request, public_id):
        form = self.form_class(request.POST)
        if form.is_valid() and service_errors_to_form(form, lambda: self.call(form)):
            messages.success(request, self.done)
            return redirect(_detail_url(self.course))
        return self._render(request, form, status=400)


class CourseEndView(_TransitionFormView):
    form_class = EndForm

    @property
    def title(self):  # type: ignore[override]
        return _("End the course")

    @property
    def button(self):  # type: ignore[override]
        return _("End the course")

    @property
    def done(self):  # type: ignore[override]
        return _("The course is ended.")

    def call(self, form):
        data = form.cleaned_data
        return services.course_end(
            course=self.course,
            actor=policy.signed_in(self.request.user),
            outcome=data["outcome"],
            note=data["note"],
            on=data["on"],
        )


class CourseCancelView(_TransitionFormView):
    form_class = CancelForm

    @property
    def title(self):  # type: ignore[override]
        return _("Cancel the course")

    @property
    def button(self):  # type: ignore[override]
        return _("Cancel the course")

    @property
    def done(self):  # type: ignore[override]
        return _("The course is cancelled.")

    def call(self, form):
        return services.course_cancel(
            course=self.course,
            actor=policy.signed_in(self.request.user),
            reason=form.cleaned_data["reason"],
        )
