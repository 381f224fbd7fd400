from django.apps import AppConfig
from django.db.models.signals import post_migrate, pre_migrate


class CentresConfig(AppConfig):
    name = "centres"

    def ready(self) -> None:
        from accounts import policy
        from centres import access, row_security

        policy.register_scopes(access.SCOPES)

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
