"""The staff pages: seekers of the office, one seeker's profile, NIK conflicts."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from pencaker.accounts.permissions import staff_required
from pencaker.core.audit import client_ip
from pencaker.seekers import forms, selectors, services

# --- staff ----------------------------------------------------------------------------


@require_GET
@staff_required
def staff_seeker_list(request: HttpRequest) -> HttpResponse:
    form = forms.StaffSearchForm(request.GET or None)
    query = form.cleaned_data["q"] if form.is_valid() else ""
    qs = selectors.seekers_for_office(office=request.user.office, query=query)
    page = Paginator(qs, 25).get_page(request.GET.get("page"))
    return render(
        request,
        "seekers/staff/seeker_list.html",
        {"form": form, "page": page, "query": query},
    )


@require_GET
@staff_required
def staff_seeker_detail(request: HttpRequest, pk: int) -> HttpResponse:
    profile = selectors.seeker_for_staff(staff=request.user, profile_id=pk)
    services.profile_viewed_by_staff(
        actor=request.user, profile=profile, ip_address=client_ip(request)
    )
    return render(
        request,
        "seekers/staff/seeker_detail.html",
        {
            "profile": profile,
            "completeness": selectors.profile_completeness(profile.user),
            "rows": selectors.profile_history(profile),
            "staff_view": True,
        },
    )


@require_GET
@staff_required
def staff_nik_conflicts(request: HttpRequest) -> HttpResponse:
    qs = selectors.nik_conflicts_for_office(office=request.user.office)
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    return render(request, "seekers/staff/nik_conflicts.html", {"page": page})
