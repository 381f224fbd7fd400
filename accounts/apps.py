from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "accounts"

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from accounts import checks, signals  # noqa: F401  (checks registers the system check)
        from accounts.two_factor import record_login_time

        user_logged_in.connect(record_login_time, dispatch_uid="accounts.record_login_time")
        signals.connect()
