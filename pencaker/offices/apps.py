from django.apps import AppConfig


class OfficesConfig(AppConfig):
    name = "pencaker.offices"
    label = "offices"
