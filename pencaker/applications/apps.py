from django.apps import AppConfig


class ApplicationsConfig(AppConfig):
    name = "pencaker.applications"
    label = "applications"
