from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExchangeConfig(AppConfig):
    name = "pencaker.exchange"
    label = "exchange"
    verbose_name = _("Records in and out")

    def ready(self) -> None:
        from pencaker.accounts.models import Role
        from pencaker.accounts.staff_menu import staff_link_register

        staff_link_register(
            url_name="exchange:holders_import",
            label=_("Import existing card holders"),
            roles=frozenset({Role.ADMIN_DINAS}),
            order=90,
        )
