"""`check --deploy`: a production installation whose SMS/WhatsApp gateway never reaches a
phone (the logging or file gateway) is warned: phone-first citizens would get no codes."""

from __future__ import annotations

from django.conf import settings
from django.core.checks import Tags, Warning, register

from pencaker.notifications.gateways import NON_PRODUCTION_GATEWAYS


@register(Tags.security, deploy=True)
def sms_gateway_check(app_configs=None, **kwargs):
    gateway = getattr(settings, "PENCAKER_SMS_GATEWAY", "")
    if getattr(settings, "PRODUCTION", False) and gateway in NON_PRODUCTION_GATEWAYS:
        return [
            Warning(
                "PENCAKER_SMS_GATEWAY names a gateway that only logs or writes a file; "
                "SMS/WhatsApp messages (sign-up and password codes, AK/1 status) reach no "
                "phone.",
                hint="Set PENCAKER_SMS_GATEWAY=pencaker.notifications.gateways.HttpGateway "
                "and PENCAKER_SMS_HTTP_URL / _TOKEN / _TEMPLATE for the provider.",
                id="pencaker.W001",
            )
        ]
    return []
