from django.conf import settings


def site(request):
    return {"PENCAKER_DEMO": not settings.PRODUCTION}
