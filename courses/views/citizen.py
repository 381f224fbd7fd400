"""The citizen's own read-only page of a course."""

from django.shortcuts import render
from django.views import View

from accounts import policy
from courses import selectors


class OwnCourseView(View):
    """The citizen's own course: the agreement, read-only."""

    def get(self, request, public_id):
        course = selectors.course_get(user=request.user, public_id=public_id)
        policy.require(request.user, "course.view_own", course)
        return render(
            request,
            "courses/own_detail.html",
            {"course": course, "approvals": selectors.approvals_by_party(course)},
        )
