from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CardsConfig(AppConfig):
    name = "pencaker.cards"
    label = "cards"

    def ready(self) -> None:
        from pencaker.accounts.models import Role
        from pencaker.accounts.staff_menu import staff_link_register

        staff_link_register(
            url_name="cards:revocations",
            label=_("Card revocations"),
            roles={Role.ADMIN_DINAS, Role.PIMPINAN},
            order=60,
        )
        from pencaker.cards import status_tags

        status_tags.register()
        from pencaker.cards.signing import certificate_status
        from pencaker.cards.signing_office import office_signer_remove, office_signer_upload_hook
        from pencaker.offices.selectors import settings_hook_register

        # The office settings screen shows the signing certificate and takes an uploaded
        # PKCS#12 (offices sits below cards).
        settings_hook_register("signing_certificate", certificate_status)
        settings_hook_register("signing_upload", office_signer_upload_hook)
        settings_hook_register("signing_remove", office_signer_remove)
