from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InfoConfig(AppConfig):
    """Public information run by the office (issue 17 item 3): news and announcements
    (/berita/, with an Atom feed), the FAQ (/faq/), the office profile, the service
    standard (/standar-pelayanan/, PermenPANRB 15/2014) and the legal basis."""

    name = "pencaker.info"
    label = "info"
    verbose_name = _("Public information")

    def ready(self) -> None:
        from pencaker.accounts.models import Role
        from pencaker.accounts.staff_menu import staff_link_register

        staff_link_register(
            url_name="info:manage",
            label=_("Public information"),
            roles={Role.ADMIN_DINAS},
            order=80,
        )
