"""The login backend: Django's ModelBackend, with the job centre read in the same query as the
user on every request (every page's header and footer show it, and the policy compares it)."""

from django.contrib.auth.backends import ModelBackend

from accounts.models import User


class UserBackend(ModelBackend):
    def get_user(self, user_id):
        user = User._default_manager.select_related("job_centre").filter(pk=user_id).first()
        return user if user is not None and self.user_can_authenticate(user) else None
