import uuid

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from pencaker.accounts.permissions import staff_required
from pencaker.core.links import site_address
from pencaker.public import selectors
from pencaker.public.design_system import design_examples
from pencaker.public.poster import qr_svg


def home(request: HttpRequest) -> HttpResponse:
    # The landing page stays query-free under load: its header shows the default office
    # only once another page has read it into this process's memo.
    request.office_brand_cached_only = True  # type: ignore[attr-defined]
    return render(request, "public/home.html", {"documents": selectors.default_documents()})


@staff_required
def design_system(request: HttpRequest) -> HttpResponse:
    """The design system's components, live, with the template that renders each (staff)."""
    return render(request, "public/design_system.html", {"examples": design_examples(request)})


def _guide_context(request: HttpRequest) -> dict:
    guide = selectors.guide_for(request.GET.get("kantor"))
    site_url = site_address()
    return {"guide": guide, "office": guide.office, "site_url": site_url}


def guide(request: HttpRequest) -> HttpResponse:
    """The public guide: who can apply, documents, steps, time, cost and help."""
    return render(request, "public/guide.html", _guide_context(request))


def guide_print(request: HttpRequest) -> HttpResponse:
    """The same guide on one printed A4 page, without the site's navigation."""
    return render(request, "public/guide_print.html", _guide_context(request))


def guide_poster(request: HttpRequest) -> HttpResponse:
    """An A4 poster for the office wall: a big QR code to the site and the first steps."""
    context = _guide_context(request)
    site_url = context["site_url"]
    context["qr"] = qr_svg(site_url, label=_("QR code to open %(url)s") % {"url": site_url})
    return render(request, "public/guide_poster.html", context)


def healthz(request: HttpRequest) -> HttpResponse:
    """Liveness: the process answers. Touches nothing else, so it is also the load baseline."""
    return JsonResponse({"status": "ok"})


def readyz(request: HttpRequest) -> HttpResponse:
    """Readiness: the database answers and file storage accepts a write."""
    checks = {"database": "ok", "storage": "ok"}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception:  # noqa: BLE001 - any database failure means not ready
        checks["database"] = "error"
    try:
        name = default_storage.save(f"health/{uuid.uuid4().hex}.txt", ContentFile(b"ok"))
        default_storage.delete(name)
    except Exception:  # noqa: BLE001 - any storage failure means not ready
        checks["storage"] = "error"
    ready = all(value == "ok" for value in checks.values())
    return JsonResponse(
        {"status": "ok" if ready else "unavailable", **checks}, status=200 if ready else 503
    )
