from django.apps import AppConfig


class SeekersConfig(AppConfig):
    name = "pencaker.seekers"
    label = "seekers"
