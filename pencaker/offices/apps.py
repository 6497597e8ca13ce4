from django.apps import AppConfig


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
