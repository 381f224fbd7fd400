from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConversationsConfig(AppConfig):
    name = "conversations"
    verbose_name = _("Conversations")

    def ready(self) -> None:
        from accounts import policy
        from booking import hooks
        from conversations import access
        from conversations.approach import approach_for

        hooks.approach_for.provide(approach_for)
        policy.register_rules(access.RULES)
