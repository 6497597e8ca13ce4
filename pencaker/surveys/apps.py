from django.apps import AppConfig


class SurveysConfig(AppConfig):
    name = "pencaker.surveys"
    label = "surveys"
