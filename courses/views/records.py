"""The staff's courses: the list, a new course, its page and its edit form."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View

from accounts import policy
from audit.mixins import LogsCitizenLookup
from audit.models import Purpose, Subject
from common.forms import create_once
from courses import selectors, services
from courses.forms import (
    CompanyChoiceForm,
    CourseCreateForm,
    CourseEditForm,
    FilterForm,
    StartForm,
)
from courses.models import Status


def _detail_url(course) -> str:
    return reverse("courses:detail", args=[course.public_id])


def _approve_url(course) -> str:
    return reverse("courses:approve", args=[course.public_id])


def _apply_errors(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


def _is_conflict(error: ValidationError) -> bool:
    return not hasattr(error, "error_dict") and any(e.code == "conflict" for e in error.error_list)


class CourseListView(View):
    template_name = "courses/list.html"

    def get(self, request):
        policy.require(request.user, "course.manage", request.user.job_centre)
        companies = selectors.companies_for(request.user)
        form = FilterForm(request.GET or None, companies=companies)
        filters = form.cleaned_data if form.is_valid() else {}
        courses = selectors.course_list(
            user=request.user,
            status=filters.get("status", ""),
            kind=filters.get("kind", ""),
            company=filters.get("virksomhed"),
        )
        page = Paginator(courses, 25).get_page(request.GET.get("side"))
        query = request.GET.copy()
        query.pop("side", None)
        return render(
            request,
            self.template_name,
            {
                "page": page,
                "filter_form": form,
                "counts": selectors.status_counts(user=request.user),
                "query": query.urlencode(),
            },
        )


class CourseCreateView(View):
    """Begun from a company's page (`?virksomhed=`), a citizen's page (`?borger=`) or the list;
    without a company the first step chooses one."""

    template_name = "courses/form.html"

    def _setup(self, request):
        policy.require(request.user, "course.manage", request.user.job_centre)
        companies = selectors.companies_for(request.user)
        chosen = request.GET.get("virksomhed")
        if not chosen:
            return companies, None
        try:
            return companies, get_object_or_404(companies, public_id=chosen)
        except ValidationError:  # not a UUID
            raise Http404 from None

    def _choose_company(self, request, companies):
        form = CompanyChoiceForm(companies=companies)
        return render(
            request,
            "courses/choose_company.html",
            {"form": form, "citizen_id": request.GET.get("borger", "")},
        )

    def _render(self, request, form, company, status=200):
        context = {"form": form, "company": company, "creating": True}
        return render(request, self.template_name, context, status=status)

    def get(self, request):
        companies, company = self._setup(request)
        if company is None:
            return self._choose_company(request, companies)
        initial = {"citizen": request.GET.get("borger", "")}
        form = CourseCreateForm(initial=initial, user=request.user, company=company)
        return self._render(request, form, company)

    def post(self, request):
        companies, company = self._setup(request)
        if company is None:
            return self._choose_company(request, companies)
        form = CourseCreateForm(request.POST, user=request.user, company=company)
        submit = request.POST.get("next") == "approve"
        if form.is_valid():

            def create() -> str:
                course = services.course_create(
                    job_centre=request.user.job_centre,
                    citizen=form.cleaned_data["citizen"],
                    company=company,
                    terms=form.terms(),
                    created_by=request.user,
                )
                if submit:
                    services.course_submit_for_approval(course=course, actor=request.user)
                    return _approve_url(course)
                messages.success(request, _("The course is saved as a draft."))
                return _detail_url(course)

            url = create_once(request, form, create, reverse("courses:list"))
            if url:
                return redirect(url)
        return self._render(request, form, company, status=400)


class StaffCourseMixin(LogsCitizenLookup):
    """Finds the course in the user's reach (else 404) and asks the policy (else 403)."""

    lookup_subject = Subject.COURSE
    lookup_purpose = Purpose.COURSE

    def dispatch(self, request, *args, **kwargs):
        self.course = selectors.course_get(user=request.user, public_id=kwargs["public_id"])
        policy.require(request.user, "course.manage", self.course)
        return super().dispatch(request, *args, **kwargs)  # type: ignore[misc]

    def looked_up(self):
        self.log_lookup(self.course.citizen)
        return self.course


class CourseDetailView(StaffCourseMixin, View):
    def get(self, request, public_id):
        course = self.looked_up()
        return render(
            request,
            "courses/detail.html",
            {
                "course": course,
                "approvals": selectors.approvals_by_party(course),
                "events": selectors.course_history(course=course),
                "start_form": StartForm(),
                "Status": Status,
            },
        )


class CourseEditView(StaffCourseMixin, View):
    template_name = "courses/form.html"

    def _render(self, request, form, status=200, conflict=False):
        context = {
            "form": form,
            "company": self.course.company,
            "course": self.course,
            "conflict": conflict,
            "has_approvals": bool(selectors.approvals_by_party(self.course)),
        }
        return render(request, self.template_name, context, status=status)

    def _form(self, data=None):
        course = self.course
        return CourseEditForm(
            data,
            initial=CourseEditForm.initial_from(course),
            user=policy.signed_in(self.request.user),
            company=course.company,
        )

    def get(self, request, public_id):
        course = self.looked_up()
        if course.status not in services.EDITABLE:
            messages.info(request, _("The agreement can only be changed before it is approved."))
            return redirect(_detail_url(course))
        return self._render(request, self._form())

    def post(self, request, public_id):
        form = self._form(request.POST)
        if form.is_valid():
            try:
                services.course_update(
                    course=self.course,
                    version=form.cleaned_data["version"],
                    terms=form.terms(),
                    actor=request.user,
                )
            except ValidationError as error:
                _apply_errors(form, error)
                if _is_conflict(error):
                    self.course.refresh_from_db()
                    data = form.data.copy()
                    data["version"] = str(self.course.version)
                    form.data = data
                    return self._render(request, form, status=409, conflict=True)
            else:
                messages.success(request, _("The agreement is saved."))
                if self.course.status == Status.AWAITING_APPROVAL:
                    return redirect(_approve_url(self.course))
                return redirect(_detail_url(self.course))
        return self._render(request, form, status=400)
