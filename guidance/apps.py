from django.apps import AppConfig


class GuidanceConfig(AppConfig):
    name = "guidance"

    def ready(self) -> None:
        from accounts import policy
        from guidance import access

        policy.register_rules(access.RULES)
