from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "pencaker.notifications"
    label = "notifications"
