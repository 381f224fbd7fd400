"""One namespace, `labour`; each part of the app keeps its own routes."""

from labour.urls import companies as company_urls
from labour.urls import matching as matching_urls
from labour.urls import wheel as wheel_urls

app_name = "labour"
urlpatterns = company_urls.urlpatterns + wheel_urls.urlpatterns + matching_urls.urlpatterns
