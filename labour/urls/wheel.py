from django.urls import path

from labour.views import digest as digest_views
from labour.views import wheel as wheel_views

urlpatterns = [
    path("aarshjul/", wheel_views.YearView.as_view(), name="wheel"),
    path("aarshjul/ny/", wheel_views.EventCreateView.as_view(), name="wheel_event_create"),
    path(
        "aarshjul/<uuid:public_id>/ret/",
        wheel_views.EventEditView.as_view(),
        name="wheel_event_edit",
    ),
    path(
        "aarshjul/<uuid:public_id>/slet/",
        wheel_views.EventDeleteView.as_view(),
        name="wheel_event_delete",
    ),
    path("aarshjul/kalender/", wheel_views.FeedManageView.as_view(), name="wheel_feed_manage"),
    path("aarshjul/kalender/<str:token>.ics", wheel_views.feed, name="wheel_feed"),
    path("aarshjul/aarshjul.ics", wheel_views.download, name="wheel_ics"),
    path("tirsdagsmail/", digest_views.DigestView.as_view(), name="digest"),
    path(
        "tirsdagsmail/abonnement/",
        digest_views.SubscriptionView.as_view(),
        name="digest_subscription",
    ),
]
