from django.apps import AppConfig


class PublicConfig(AppConfig):
    name = "pencaker.public"
    label = "public"
