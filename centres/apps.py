from django.apps import AppConfig
from django.db.models.signals import post_delete, post_migrate, post_save, pre_migrate


class CentresConfig(AppConfig):
    name = "centres"

    def ready(self) -> None:
        from accounts import policy, signals
        from centres import access, row_security
        from centres.models import JobCentre

        policy.register_scopes(access.SCOPES)
        # accounts' cached user rows carry their job centre: a changed centre drops them.
        for name, signal in (("save", post_save), ("delete", post_delete)):
            signal.connect(
                signals.centre_changed, sender=JobCentre, dispatch_uid=f"accounts.centre.{name}"
            )

        # PostgreSQL row security on every table with a job centre (a no-op elsewhere).
        pre_migrate.connect(
            row_security.all_centres_for_migrate,
            dispatch_uid="centres.row_security.migrate",
        )
        post_migrate.connect(
            row_security.install_after_migrate,
            dispatch_uid="centres.row_security.install",
        )
        row_security.connect_task_hooks()
