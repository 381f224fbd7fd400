app_name = "joblog"
urlpatterns: list = []
