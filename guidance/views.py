from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views import View

from accounts import policy
from centres.help_places import places_with_hours
from common.forms import service_errors_to_form
from guidance import selectors, services
from guidance.forms import GuideNoteForm
from guidance.guides import BY_SLUG, GUIDES, Guide


def _guide(slug: str) -> Guide:
    try:
        return BY_SLUG[slug]
    except KeyError:
        raise Http404(slug) from None


class IndexView(View):
    """ "Hjælp": the guides, and how to reach the job centre."""

    def get(self, request):
        centre = policy.centre_for(request.user, "guidance.read")
        return render(request, "guidance/index.html", {"guides": GUIDES, "centre": centre})


class GuideView(View):
    """One guide with the centre's own facts and note; prints as a folder to hand out."""

    def get(self, request, slug):
        guide = _guide(slug)
        centre = policy.centre_for(request.user, "guidance.read")
        context = {
            "guide": guide,
            "centre": centre,
            "note": selectors.guide_note(centre=centre, slug=slug),
            "places": places_with_hours(centre.pk) if guide.contact else [],
            "can_edit": policy.can(request.user, "guidance.edit", centre),
        }
        return render(request, "guidance/guide.html", context)


class NoteEditView(View):
    """The administrator writes the centre's own note at the end of a guide."""

    template_name = "guidance/note_form.html"

    def get(self, request, slug):
        guide = _guide(slug)
        centre = policy.centre_for(request.user, "guidance.edit")
        form = GuideNoteForm(initial={"text": selectors.guide_note(centre=centre, slug=slug)})
        return render(request, self.template_name, {"form": form, "guide": guide})

    def post(self, request, slug):
        guide = _guide(slug)
        centre = policy.centre_for(request.user, "guidance.edit")
        form = GuideNoteForm(request.POST)
        if form.is_valid() and service_errors_to_form(
            form,
            lambda: services.guide_note_save(
                centre=centre, slug=slug, text=form.cleaned_data["text"]
            ),
        ):
            messages.success(request, _("The note is saved."))
            return redirect("guidance:guide", slug=slug)
        return render(request, self.template_name, {"form": form, "guide": guide}, status=400)
