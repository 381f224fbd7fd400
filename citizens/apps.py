from django.apps import AppConfig


class CitizensConfig(AppConfig):
    name = "citizens"

    def ready(self) -> None:
        from accounts import policy
        from citizens import access

        policy.register_scopes(access.SCOPES)
