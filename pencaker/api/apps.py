from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "pencaker.api"
    label = "api"
