from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The demo data across every app. It sits right of all of them: it may call any app's demo
    builders, and no app imports it."""

    name = "apps.demo"
    label = "demo"
    verbose_name = "Demo data"
