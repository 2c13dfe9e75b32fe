from django.urls import path

from apps.core import views

app_name = "core"

urlpatterns = [
    path("dashboard/", views.dashboard, name="dashboard"),
    path("inbox/", views.inbox, name="inbox"),
    path("activity/", views.activity_list, name="activity"),
    path("notifications/", views.notification_list, name="notifications"),
    path("jobs/", views.job_list, name="jobs"),
    path("jobs/<uuid:code>/", views.job_detail, name="job_detail"),
    path("jobs/<uuid:code>/status/", views.job_status, name="job_status"),
    path("jobs/<uuid:code>/download/", views.job_download, name="job_download"),
]
