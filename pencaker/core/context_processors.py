from django.conf import settings


def site(request):
    return {"PENCAKER_DEMO": settings.PENCAKER_DEMO}
