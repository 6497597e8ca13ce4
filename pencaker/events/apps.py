from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    """Job fairs and other events of the office (acara): registration with a quota and a
    waiting list, QR tickets checked at the door, hires reported from a fair."""

    name = "pencaker.events"
    label = "events"
    verbose_name = _("Events")
