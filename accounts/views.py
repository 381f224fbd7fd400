from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.utils.decorators import method_decorator

from accounts.forms import LoginForm
from accounts.services import session_timeout_seconds


@method_decorator(login_not_required, name="dispatch")
class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    form_class = LoginForm
    redirect_authenticated_user = True

    def form_valid(self, form):
        response = super().form_valid(form)
        # Sliding inactivity timeout: SESSION_SAVE_EVERY_REQUEST renews it on every request.
        self.request.session.set_expiry(session_timeout_seconds(form.get_user()))
        return response


class LogoutView(auth_views.LogoutView):
    """POST only (Django's own rule); flushes the session on the server."""
