"""The REST API (v1): one router; each app registers its viewsets in its api.py."""

from django.urls import path
from rest_framework.routers import DefaultRouter

from apps.agreements import api as agreements_api
from apps.core.api import obtain_token
from apps.evaluation import api as evaluation_api
from apps.measurement import api as measurement_api
from apps.organisations import api as organisations_api
from apps.performance import api as performance_api
from apps.planning import api as planning_api
from apps.reporting import api as reporting_api

router = DefaultRouter()
organisations_api.register(router)
planning_api.register(router)
performance_api.register(router)
agreements_api.register(router)
measurement_api.register(router)
reporting_api.register(router)
evaluation_api.register(router)

urlpatterns = [
    path("auth/token/", obtain_token, name="api_token"),
    *router.urls,
]
