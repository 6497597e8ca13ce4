from django.apps import AppConfig


class CardsConfig(AppConfig):
    name = "pencaker.cards"
    label = "cards"

    def ready(self) -> None:
        from pencaker.cards import status_tags

        status_tags.register()
