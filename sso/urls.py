from django.urls import path

from sso.views import login as views

app_name = "sso"
urlpatterns = [
    path("saml/login/", views.saml_login, name="saml_login"),
    path("saml/acs/", views.saml_acs, name="saml_acs"),
    path("saml/metadata/", views.saml_metadata, name="saml_metadata"),
    path("oidc/login/", views.oidc_login, name="oidc_login"),
    path("oidc/callback/", views.oidc_callback, name="oidc_callback"),
]
