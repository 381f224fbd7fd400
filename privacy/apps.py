from django.apps import AppConfig


class PrivacyConfig(AppConfig):
    name = "privacy"
    verbose_name = "Privacy (GDPR)"

    def ready(self) -> None:
        from accounts import policy
        from privacy import access

        policy.register_scopes(access.SCOPES)
