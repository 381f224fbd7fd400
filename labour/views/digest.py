"""The tirsdagsmail as a page: what is new since the user's last digest (or since last
Tuesday), and the opt-in to receive it by e-mail."""

from typing import cast

from django import forms
from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View

from accounts import policy
from accounts.models import User
from common.forms import Form
from labour import digest

SINCE_TUESDAY = "tirsdag"


class SubscriptionForm(Form):
    active = forms.BooleanField(required=False)


class DigestView(View):
    template_name = "labour/digest/digest.html"

    def get(self, request):
        user = cast(User, request.user)
        centre = policy.centre_for(user, "labour.view")
        now = timezone.now()
        since_tuesday = request.GET.get("siden") == SINCE_TUESDAY
        since = digest.last_tuesday(now) if since_tuesday else digest.digest_since(user, now)
        subscription = digest.subscription_of(user)
        return render(
            request,
            self.template_name,
            {
                "centre": centre,
                "digest": digest.digest_build(centre=centre, since=since, now=now),
                "since_tuesday": since_tuesday,
                "has_last_sent": bool(subscription and subscription.last_sent_at),
                "subscribed": bool(subscription and subscription.active),
                "SINCE_TUESDAY": SINCE_TUESDAY,
            },
        )


class SubscriptionView(View):
    def post(self, request):
        user = cast(User, request.user)
        policy.centre_for(user, "labour.view")
        form = SubscriptionForm(request.POST)
        active = form.is_valid() and form.cleaned_data["active"]
        digest.digest_subscription_set(user=user, active=active)
        messages.success(
            request,
            _("You will get the Tuesday mail every Tuesday morning.")
            if active
            else _("You no longer get the Tuesday mail."),
        )
        return redirect("labour:digest")
