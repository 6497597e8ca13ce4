from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "pencaker.notifications"
    label = "notifications"

    def ready(self) -> None:
        # Registers the `check --deploy` warning about a gateway that reaches no phone.
        from pencaker.notifications import checks  # noqa: F401
