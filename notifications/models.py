from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Channel(models.TextChoices):
    EMAIL = "email", _("E-mail")
    SMS = "sms", _("SMS")


class NotificationStatus(models.TextChoices):
    """Where a message is in its life: queued until it is sent, or withdrawn because what it is
    about changed (a cancelled or moved booking, a withdrawn deadline), or dropped because it
    would arrive too late to help (a reminder of a conversation that has begun), or failed
    after MAX_ATTEMPTS. Nothing is deleted, so the history shows what happened."""

    QUEUED = "queued", _("Queued")
    SENT = "sent", _("Sent")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    DROPPED = "dropped", _("Dropped")
    FAILED = "failed", _("Failed")


class Notification(models.Model):
    """One message to one person over one channel. Callers name each message with a `key`
    (such as "booking:42:reminder:<start>"); the database keeps (recipient, channel, key)
    unique, so asking twice for the same reminder never sends it twice. `about` names what the
    message is about ("booking:42", "deadline:7") so a change to that thing can withdraw what
    has not gone out yet. Written only by notifications.services; the body is composed by the
    caller and never holds a CPR number."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="notifications"
    )
    channel = models.CharField(max_length=8, choices=Channel.choices)
    key = models.CharField(max_length=200)
    about = models.CharField(max_length=100, blank=True)
    kind = models.CharField(max_length=40, blank=True)
    #: A legally binding letter (a summons, a booking deadline): never dropped, and withdrawn
    #: only visibly, when what it is about is withdrawn.
    binding = models.BooleanField(default=False)
    #: When what the message is about begins (a conversation's start): a message that is not
    #: binding is dropped rather than sent once this has passed.
    event_at = models.DateTimeField(null=True, blank=True)
    subject = models.CharField(max_length=200, blank=True)
    body = models.TextField()
    scheduled_for = models.DateTimeField()
    status = models.CharField(
        max_length=12, choices=NotificationStatus.choices, default=NotificationStatus.QUEUED
    )
    status_reason = models.CharField(max_length=200, blank=True)
    status_changed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    failed_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    error = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "channel", "key"], name="notification_once_per_key"
            ),
            models.CheckConstraint(
                condition=models.Q(channel__in=Channel.values), name="notification_channel_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=NotificationStatus.values),
                name="notification_status_valid",
            ),
            models.CheckConstraint(
                condition=~models.Q(binding=True, status=NotificationStatus.DROPPED),
                name="notification_binding_never_dropped",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "scheduled_for"]),
            models.Index(fields=["about", "status"]),
        ]

    def __str__(self) -> str:
        return f"{self.channel} {self.key}"
