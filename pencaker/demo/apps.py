from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "pencaker.demo"
    label = "demo"
    verbose_name = "Demo data"
