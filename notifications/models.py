from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Channel(models.TextChoices):
    EMAIL = "email", _("E-mail")
    SMS = "sms", _("SMS")


class Notification(models.Model):
    """One message to one person over one channel. Callers name each message with a `key`
    (such as "booking:42:reminder-24h"); the database keeps (recipient, channel, key) unique,
    so asking twice for the same reminder never sends it twice. Written only by
    notifications.services; the body is composed by the caller and never holds a CPR number."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="notifications"
    )
    channel = models.CharField(max_length=8, choices=Channel.choices)
    key = models.CharField(max_length=200)
    subject = models.CharField(max_length=200, blank=True)
    body = models.TextField()
    scheduled_for = models.DateTimeField()
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
        ]
        indexes = [models.Index(fields=["sent_at", "scheduled_for"])]

    def __str__(self) -> str:
        return f"{self.channel} {self.key}"
