from django.apps import AppConfig


class CardsConfig(AppConfig):
    name = "pencaker.cards"
    label = "cards"
