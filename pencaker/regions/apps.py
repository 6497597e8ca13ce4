from django.apps import AppConfig


class RegionsConfig(AppConfig):
    name = "pencaker.regions"
    label = "regions"
