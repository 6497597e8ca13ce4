"""Pages of matching: "Lowongan untuk Anda" (/cocok/), the two switches, the seeker's
invitations, the signed-out unsubscribe, and candidates for employers and staff. Seeker
pages work without JavaScript."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from pencaker.accounts.permissions import DECIDING_ROLES, seeker_required, staff_required
from pencaker.core.audit import client_ip
from pencaker.core.errors import DomainError, NotFound
from pencaker.employers.views import employer_required
from pencaker.matching import selectors, services
from pencaker.matching.forms import SettingsForm
from pencaker.regions.models import Level, Region
from pencaker.seekers.choices import EducationLevel
from pencaker.vacancies.choices import EmploymentType
from pencaker.vacancies.models import KbjiOccupation
from pencaker.vacancies.selectors import ORDERS

PAGE_SIZE = 20


def _filters(request: HttpRequest) -> dict:
    g = request.GET
    return {
        "q": g.get("q", "").strip()[:100],
        "regency": g.get("kabkota", "").strip()[:13],
        "group": g.get("golongan", "").strip()[:1],
        "employment_type": g.get("jenis", "").strip()[:12],
        "disability_friendly": g.get("disabilitas") == "1",
        "posted": g.get("tayang", "").strip()[:2],
        "order": g.get("urut", "newest") if g.get("urut") in ORDERS else "newest",
    }


@require_http_methods(["GET"])
@seeker_required
def recommendations(request: HttpRequest) -> HttpResponse:
    filters = _filters(request)
    row = services.match_profile_current(request.user)
    items = selectors.recommendations_for_seeker(request.user, row, filters=filters)
    return render(
        request,
        "matching/recommendations.html",
        {
            "items": items[:PAGE_SIZE],
            "total": len(items),
            "row": row,
            "filters": filters,
            "regencies": Region.objects.filter(level=Level.REGENCY).order_by("name"),
            "groups": KbjiOccupation.objects.filter(parent__isnull=True).order_by("code"),
            "educations": EducationLevel.choices,
            "employment_types": EmploymentType.choices,
        },
    )


@require_http_methods(["GET", "POST"])
@seeker_required
def settings_page(request: HttpRequest) -> HttpResponse:
    row = services.match_profile_current(request.user)
    form = SettingsForm(
        request.POST if request.method == "POST" else None,
        initial={"discoverable": row.discoverable, "alerts_enabled": row.alerts_enabled},
    )
    if request.method == "POST" and form.is_valid():
        services.matching_settings_update(
            actor=request.user, ip_address=client_ip(request), **form.cleaned_data
        )
        messages.success(request, _("Your choices are saved and apply at once."))
        return redirect("matching:settings")
    return render(request, "matching/settings.html", {"form": form, "row": row})


@require_http_methods(["GET"])
@seeker_required
def invitations(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "matching/invitations.html",
        {"invitations": selectors.invitations_of_seeker(request.user)},
    )


@require_POST
@seeker_required
def invitation_respond(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        invitation = services.invitation_respond(
            actor=request.user,
            invitation_id=pk,
            decision=request.POST.get("decision", ""),
            ip_address=client_ip(request),
        )
    except NotFound:
        raise Http404 from None
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect("matching:invitations")
    if invitation.status == "accepted":
        messages.success(request, _("Thank you. Now send your application."))
        return redirect("vacancies:apply", pk=invitation.vacancy_id)
    messages.success(request, _("The invitation is declined. The employer is told."))
    return redirect("matching:invitations")


@require_http_methods(["GET", "POST"])
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    """The digest's link: a page with one button (a GET never changes anything, so a mail
    scanner following the link does not unsubscribe anyone)."""
    try:
        services.unsubscribe_user_of(token)
    except NotFound:
        return render(request, "matching/unsubscribe.html", {"invalid": True}, status=404)
    if request.method == "POST":
        services.alerts_unsubscribe(token=token, ip_address=client_ip(request))
        return render(request, "matching/unsubscribe.html", {"done": True})
    return render(request, "matching/unsubscribe.html", {"token": token})


@require_http_methods(["GET"])
@employer_required
def employer_candidates(request: HttpRequest, pk: int, membership=None) -> HttpResponse:
    vacancy, candidates = selectors.candidates_for_employer(request.user, pk)
    if vacancy is None:
        raise Http404
    return render(
        request,
        "matching/candidates.html",
        {
            "vacancy": vacancy,
            "candidates": candidates,
            "employer_view": True,
            "sent_today": selectors.invitations_sent_today(request.user),
            "limit": services.INVITES_PER_DAY,
        },
    )


@require_POST
@employer_required
def employer_invite(request: HttpRequest, pk: int, candidate_id: int, membership=None):
    try:
        services.invitation_send(
            actor=request.user,
            vacancy_id=pk,
            candidate_id=candidate_id,
            message=request.POST.get("message", ""),
            ip_address=client_ip(request),
        )
    except NotFound:
        raise Http404 from None
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("The invitation is sent."))
    return redirect(reverse("matching:employer_candidates", args=[pk]))


@require_http_methods(["GET"])
@staff_required(roles=DECIDING_ROLES)
def staff_candidates(request: HttpRequest, pk: int) -> HttpResponse:
    vacancy, candidates = selectors.candidates_for_staff(request.user, pk)
    if vacancy is None:
        raise Http404
    return render(
        request,
        "matching/candidates.html",
        {"vacancy": vacancy, "candidates": candidates, "employer_view": False},
    )
