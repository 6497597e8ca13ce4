from django.apps import AppConfig


class ReportingConfig(AppConfig):
    name = "pencaker.reporting"
    label = "reporting"
