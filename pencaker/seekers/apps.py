from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SeekersConfig(AppConfig):
    name = "pencaker.seekers"
    label = "seekers"

    def ready(self) -> None:
        # Imported here: models and registries may be read only once the apps are loaded.
        from pencaker.accounts.permissions import DECIDING_ROLES
        from pencaker.accounts.staff_menu import staff_link_register
        from pencaker.documents.selectors import owner_office_reader_register
        from pencaker.seekers.selectors import seeker_office_id

        owner_office_reader_register(seeker_office_id)

        staff_link_register(url_name="seekers:staff_seeker_list", label=_("Job seekers"), order=20)
        staff_link_register(
            url_name="seekers:staff_nik_conflicts",
            label=_("NIK conflicts"),
            roles=DECIDING_ROLES,
            order=25,
        )
