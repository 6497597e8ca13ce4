from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "pencaker.documents"
    label = "documents"
