from django.views.generic import TemplateView

from accounts import policy
from audit.selectors import lookups_for_citizen


class OwnLookupsView(TemplateView):
    """ "Hvem har set mine oplysninger": the citizen's page of staff lookups."""

    template_name = "audit/own_lookups.html"

    def get_context_data(self, **kwargs):
        policy.require(self.request.user, "own_lookups.view")
        citizen = policy.signed_in(self.request.user).citizen  # the policy has just made sure
        page = lookups_for_citizen(citizen=citizen, page=self.request.GET.get("side", 1))
        return super().get_context_data(page=page, **kwargs)
