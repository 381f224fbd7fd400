from django.apps import AppConfig


class CommonConfig(AppConfig):
    name = "common"

    def ready(self) -> None:
        from axes.models import AccessAttempt, AccessFailureLog, AccessLog
        from django.db.models.signals import pre_save

        from common import checks  # noqa: F401  (registers the system checks)
        from common.logging import redact_login_record

        for model in (AccessAttempt, AccessFailureLog, AccessLog):
            pre_save.connect(redact_login_record, sender=model, dispatch_uid=model.__name__)
