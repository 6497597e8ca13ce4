from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OfficesConfig(AppConfig):
    name = "pencaker.offices"
    label = "offices"

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save

        from pencaker.offices.models import Office
        from pencaker.offices.selectors import office_brand_forget

        # Not a business rule: the header's memo of the default office is dropped so the
        # next page reads the new name.
        def forget(**kwargs) -> None:
            office_brand_forget()

        post_save.connect(forget, sender=Office, weak=False, dispatch_uid="office_brand_forget")
        post_delete.connect(
            forget, sender=Office, weak=False, dispatch_uid="office_brand_forget_delete"
        )

        from pencaker.accounts.models import Role
        from pencaker.accounts.staff_menu import staff_link_register

        staff_link_register(
            url_name="offices:settings",
            label=_("Office settings"),
            roles={Role.ADMIN_DINAS, Role.PIMPINAN},
            order=90,
        )
