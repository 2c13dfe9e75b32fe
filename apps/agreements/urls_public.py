"""Public verification of signed documents under /verify/ (namespace "verify"), no login."""

app_name = "verify"

urlpatterns: list = []
