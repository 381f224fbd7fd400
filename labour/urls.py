"""One namespace, `labour`; each part of the app keeps its own routes."""

from labour import company_urls, matching_urls, wheel_urls

app_name = "labour"
urlpatterns = company_urls.urlpatterns + wheel_urls.urlpatterns + matching_urls.urlpatterns
