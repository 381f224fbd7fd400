"""Keeps the cached user rows of accounts.backends true: whatever changes a user, their job
centre or one of their second-factor devices drops the rows it concerns."""

from django.db.models.signals import post_delete, post_save


def _user_changed(sender, instance, **kwargs) -> None:
    from accounts.backends import forget_users

    forget_users([instance.pk])


def _device_changed(sender, instance, **kwargs) -> None:
    from accounts.backends import forget_users

    forget_users([instance.user_id])


def centre_changed(sender, instance, **kwargs) -> None:
    """Connected by centres (above accounts, docs/ARCHITECTURE.md "Layers") to its JobCentre."""
    from django.conf import settings

    from accounts.backends import forget_users
    from accounts.models import User

    if settings.USER_CACHE_SECONDS:
        forget_users(User.objects.filter(job_centre=instance).values_list("pk", flat=True))


def connect() -> None:
    from django_otp.plugins.otp_static.models import StaticDevice
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from accounts.models import User

    for name, signal in (("save", post_save), ("delete", post_delete)):
        signal.connect(_user_changed, sender=User, dispatch_uid=f"accounts.user.{name}")
        for device in (TOTPDevice, StaticDevice):
            signal.connect(
                _device_changed, sender=device, dispatch_uid=f"accounts.{device.__name__}.{name}"
            )
