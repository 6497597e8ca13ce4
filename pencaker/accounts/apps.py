from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "pencaker.accounts"
    label = "accounts"
