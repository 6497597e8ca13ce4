"""Pages of the vacancies app: the public board at /lowongan/ (no JavaScript needed),
applying, the seeker's applications, the employer's applicants and the staff queue."""

from __future__ import annotations

import json
import uuid
from urllib.parse import quote

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.syndication.views import Feed
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from pencaker.accounts.models import Role
from pencaker.accounts.permissions import DECIDING_ROLES, staff_required
from pencaker.core.audit import client_ip
from pencaker.core.errors import DomainError
from pencaker.core.links import absolute_url
from pencaker.documents.models import Document
from pencaker.employers.views import employer_required
from pencaker.regions.models import Level, Region
from pencaker.seekers.choices import EducationLevel
from pencaker.vacancies import hire_reports, selectors, services, sla
from pencaker.vacancies.announcement import qr_svg
from pencaker.vacancies.choices import ApplicationStatus, EmploymentType
from pencaker.vacancies.extensions import vacancy_links
from pencaker.vacancies.forms import (
    ApplicationUpdateForm,
    HireReportForm,
    ReturnForm,
    VacancyForm,
)
from pencaker.vacancies.models import KbjiOccupation, Vacancy

PAGE_SIZE = 20


def _filters(request: HttpRequest) -> dict:
    g = request.GET
    return {
        "q": g.get("q", "").strip()[:100],
        "regency": g.get("kabkota", "").strip()[:13],
        "group": g.get("golongan", "").strip()[:1],
        "education": g.get("pendidikan", "").strip()[:3],
        "employment_type": g.get("jenis", "").strip()[:12],
        "disability_friendly": g.get("disabilitas") == "1",
        "posted": g.get("tayang", "").strip()[:2],
        "order": g.get("urut", "newest") if g.get("urut") in selectors.ORDERS else "newest",
    }


def board(request: HttpRequest) -> HttpResponse:
    filters = _filters(request)
    page = Paginator(selectors.vacancy_list_public(**filters), PAGE_SIZE).get_page(
        request.GET.get("hal")
    )
    query = request.GET.copy()
    query.pop("hal", None)
    return render(
        request,
        "vacancies/board.html",
        {
            "page": page,
            "filters": filters,
            "query": query.urlencode(),
            "regencies": Region.objects.filter(level=Level.REGENCY).order_by("name"),
            "groups": KbjiOccupation.objects.filter(parent__isnull=True).order_by("code"),
            "educations": EducationLevel.choices,
            "employment_types": EmploymentType.choices,
        },
    )


def _json_ld(vacancy: Vacancy) -> str:
    data = {
        "@context": "https://schema.org/",
        "@type": "JobPosting",
        "title": vacancy.title,
        "description": vacancy.description or vacancy.title,
        "datePosted": vacancy.published_at.date().isoformat() if vacancy.published_at else "",
        "validThrough": f"{vacancy.closing_date.isoformat()}T23:59:59+07:00",
        "employmentType": {
            "permanent": "FULL_TIME",
            "contract": "TEMPORARY",
            "part_time": "PART_TIME",
            "internship": "INTERN",
            "daily": "PER_DIEM",
        }.get(vacancy.employment_type, "OTHER"),
        "hiringOrganization": {"@type": "Organization", "name": vacancy.organisation.legal_name},
        "totalJobOpenings": vacancy.openings,
        "occupationalCategory": f"KBJI 2014 {vacancy.occupation.code}",
        "url": absolute_url(reverse("vacancies:detail", args=[vacancy.pk])),
    }
    if vacancy.is_remote:
        data["jobLocationType"] = "TELECOMMUTE"
        data["applicantLocationRequirements"] = {"@type": "Country", "name": "ID"}
    if vacancy.location is not None:
        data["jobLocation"] = {
            "@type": "Place",
            "address": {
                "@type": "PostalAddress",
                "addressLocality": vacancy.location.name,
                "addressCountry": "ID",
            },
        }
    if vacancy.salary_min or vacancy.salary_max:
        data["baseSalary"] = {
            "@type": "MonetaryAmount",
            "currency": "IDR",
            "value": {
                "@type": "QuantitativeValue",
                **({"minValue": vacancy.salary_min} if vacancy.salary_min else {}),
                **({"maxValue": vacancy.salary_max} if vacancy.salary_max else {}),
                "unitText": "MONTH",
            },
        }
    # ``</`` can't close the script element: escape it.
    return json.dumps(data, ensure_ascii=False).replace("</", "<\\/")


def detail(request: HttpRequest, pk: int) -> HttpResponse:
    vacancy = selectors.vacancy_get_public(pk)
    if vacancy is None:
        raise Http404
    url = absolute_url(reverse("vacancies:detail", args=[vacancy.pk]))
    applied = None
    documents = []
    user = request.user
    if user.is_authenticated and user.role == Role.JOB_SEEKER:
        applied = vacancy.applications.filter(applicant=user).first()
        documents = list(Document.objects.filter(owner=user, current_version__isnull=False))
    return render(
        request,
        "vacancies/detail.html",
        {
            "vacancy": vacancy,
            "url": url,
            "json_ld": _json_ld(vacancy),
            "whatsapp_url": "https://wa.me/?text=" + quote(f"{vacancy.title} – {url}"),
            "applied": applied,
            "documents": documents,
            "idempotency_key": uuid.uuid4().hex,
        },
    )


def announcement(request: HttpRequest, pk: int) -> HttpResponse:
    """One printable A4 page for notice boards, with a QR code to the vacancy."""
    vacancy = selectors.vacancy_get_public(pk)
    if vacancy is None:
        raise Http404
    url = absolute_url(reverse("vacancies:detail", args=[vacancy.pk]))
    return render(
        request,
        "vacancies/announcement.html",
        {
            "vacancy": vacancy,
            "url": url,
            "qr": qr_svg(
                url, label=_("QR code to the vacancy %(title)s") % {"title": vacancy.title}
            ),
        },
    )


@login_required
@require_POST
def apply(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        services.vacancy_apply(
            actor=request.user,
            vacancy_id=pk,
            idempotency_key=request.POST.get("idempotency_key", ""),
            document_ids=[int(d) for d in request.POST.getlist("documents") if d.isdigit()],
            cover_note=request.POST.get("cover_note", ""),
            ip_address=client_ip(request),
        )
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect("vacancies:detail", pk=pk)
    messages.success(request, _("Your application was sent."))
    return redirect("vacancies:my_applications")


@login_required
def my_applications(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "vacancies/my_applications.html",
        {"applications": selectors.applications_of_seeker(request.user)},
    )


@login_required
@require_POST
def withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        services.vacancy_application_withdraw(
            actor=request.user, application_id=pk, ip_address=client_ip(request)
        )
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Your application was withdrawn."))
    return redirect("vacancies:my_applications")


@employer_required
def employer_detail(request: HttpRequest, pk: int, membership=None) -> HttpResponse:
    vacancy = selectors.vacancy_of_employer(request.user, pk)
    if vacancy is None:
        raise Http404
    status = request.GET.get("status", "")
    return render(
        request,
        "vacancies/employer_detail.html",
        {
            "vacancy": vacancy,
            "applications": selectors.applications_for_employer(
                request.user, pk, status=status
            ).prefetch_related("employer_notes", "history"),
            "status": status,
            "statuses": ApplicationStatus.choices,
            "extra_links": vacancy_links(vacancy, "employer"),
        },
    )


@staff_required(roles=DECIDING_ROLES)
def queue(request: HttpRequest) -> HttpResponse:
    items = [(v, sla.sla_state(v)) for v in selectors.vacancy_queue_for_office(request.user)]
    return render(request, "vacancies/queue.html", {"items": items})


class AtomFeed(Feed):
    feed_type = Atom1Feed
    link = "/lowongan/"

    def title(self):
        return _("Vacancies on Pencaker")

    def items(self):
        return selectors.vacancy_list_public()[:50]

    def item_title(self, item):
        return f"{item.title} – {item.organisation.legal_name}"

    def item_description(self, item):
        return item.description or item.title

    def item_link(self, item):
        return reverse("vacancies:detail", args=[item.pk])

    def item_pubdate(self, item):
        return item.published_at


def json_feed(request: HttpRequest) -> JsonResponse:
    items = [
        {
            "id": str(v.pk),
            "url": absolute_url(reverse("vacancies:detail", args=[v.pk])),
            "title": f"{v.title} – {v.organisation.legal_name}",
            "content_text": v.description or v.title,
            "date_published": v.published_at.isoformat() if v.published_at else None,
        }
        for v in selectors.vacancy_list_public()[:50]
    ]
    return JsonResponse(
        {
            "version": "https://jsonfeed.org/version/1.1",
            "title": _("Vacancies on Pencaker"),
            "home_page_url": absolute_url(reverse("vacancies:board")),
            "feed_url": absolute_url(reverse("vacancies:feed_json")),
            "items": items,
        },
        content_type="application/feed+json",
    )


# --- Employer pages --------------------------------------------------------------------------


def _vacancy_initial(vacancy: Vacancy) -> dict:
    initial = {name: getattr(vacancy, name) for name in services.VACANCY_FIELDS}
    initial["occupation"] = vacancy.occupation_id
    initial["sector"] = vacancy.sector_id
    initial["location"] = vacancy.location.code if vacancy.location else ""
    initial["majors"] = ", ".join(vacancy.majors)
    initial["skills"] = ", ".join(vacancy.skills)
    return initial


def _vacancy_data(form: VacancyForm) -> dict:
    data = dict(form.cleaned_data)
    data["location"] = data.get("location") or None
    return data


@employer_required
def employer_list(request: HttpRequest, membership=None) -> HttpResponse:
    return render(
        request,
        "vacancies/employer_list.html",
        {
            "vacancies": selectors.vacancies_of_employer(request.user).order_by("-created_at"),
            "organisation": membership.organisation if membership else None,
        },
    )


@employer_required
def employer_create(request: HttpRequest, membership=None) -> HttpResponse:
    if membership is None:
        return redirect("employers:register")
    form = VacancyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            vacancy = services.vacancy_create(
                actor=request.user, ip_address=client_ip(request), **_vacancy_data(form)
            )
        except DomainError as exc:
            form.add_domain_error(exc)
        else:
            messages.success(request, _("The draft is saved. Send it to the office when ready."))
            return redirect("vacancies:employer_detail", pk=vacancy.pk)
    return render(request, "vacancies/employer_form.html", {"form": form, "vacancy": None})


@employer_required
def employer_edit(request: HttpRequest, pk: int, membership=None) -> HttpResponse:
    vacancy = selectors.vacancy_of_employer(request.user, pk)
    if vacancy is None:
        raise Http404
    form = VacancyForm(request.POST or None, initial=_vacancy_initial(vacancy))
    if request.method == "POST" and form.is_valid():
        try:
            services.vacancy_update(
                actor=request.user,
                vacancy_id=vacancy.pk,
                ip_address=client_ip(request),
                **_vacancy_data(form),
            )
        except DomainError as exc:
            form.add_domain_error(exc)
        else:
            messages.success(request, _("The vacancy is saved."))
            return redirect("vacancies:employer_detail", pk=vacancy.pk)
    return render(request, "vacancies/employer_form.html", {"form": form, "vacancy": vacancy})


@require_POST
@employer_required
def employer_submit(request: HttpRequest, pk: int, membership=None) -> HttpResponse:
    try:
        services.vacancy_submit(actor=request.user, vacancy_id=pk, ip_address=client_ip(request))
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("The vacancy was sent to the office for review."))
    return redirect("vacancies:employer_detail", pk=pk)


@require_POST
@employer_required
def employer_close(request: HttpRequest, pk: int, membership=None) -> HttpResponse:
    try:
        services.vacancy_close(
            actor=request.user, vacancy_id=pk, reason=request.POST.get("reason", "withdrawn")
        )
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("The vacancy is closed."))
    return redirect("vacancies:employer_detail", pk=pk)


@employer_required
def employer_application(request: HttpRequest, pk: int, membership=None) -> HttpResponse:
    application = selectors.application_for_employer(request.user, pk)
    if application is None:
        raise Http404
    form = ApplicationUpdateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.employer_application_update(
                actor=request.user,
                application_id=application.pk,
                to=data["to"],
                message=data["message"],
                interview_at=data["interview_at"],
                interview_place=data["interview_place"],
                start_date=data["start_date"],
                position=data["position"],
                note=data["note"],
                ip_address=client_ip(request),
            )
        except DomainError as exc:
            form.add_domain_error(exc)
        else:
            messages.success(request, _("Saved."))
            return redirect("vacancies:employer_application", pk=application.pk)
    return render(
        request,
        "vacancies/employer_application.html",
        {
            "application": application,
            "vacancy": application.vacancy,
            "form": form,
            "notes": application.employer_notes.select_related("author"),
            "history": application.history.all(),
        },
    )


# --- Staff review ------------------------------------------------------------------------------


def _staff_vacancy_or_404(request: HttpRequest, pk: int) -> Vacancy:
    vacancy = selectors.vacancy_for_staff(request.user, pk)
    if vacancy is None:
        raise Http404
    return vacancy


@staff_required(roles=DECIDING_ROLES)
def review(request: HttpRequest, pk: int, return_form: ReturnForm | None = None) -> HttpResponse:
    vacancy = _staff_vacancy_or_404(request, pk)
    return render(
        request,
        "vacancies/review.html",
        {
            "vacancy": vacancy,
            "sla": sla.sla_state(vacancy),
            "return_form": return_form or ReturnForm(),
            "history": vacancy.history.select_related("actor"),
            "extra_links": vacancy_links(vacancy, "staff"),
        },
    )


@staff_required(roles=DECIDING_ROLES)
def staff_employer(request: HttpRequest, organisation_id: int) -> HttpResponse:
    """Per employer: its vacancies, their applicants and hires."""
    from pencaker.core.errors import NotFound
    from pencaker.employers.selectors import organisation_for_staff

    try:
        organisation = organisation_for_staff(request.user, organisation_id)
    except NotFound:
        raise Http404 from None
    return render(
        request,
        "vacancies/staff_employer.html",
        {
            "organisation": organisation,
            "vacancies": selectors.vacancies_of_organisation_for_staff(
                request.user, organisation.pk
            ),
        },
    )


@require_POST
@staff_required(roles=DECIDING_ROLES)
def publish(request: HttpRequest, pk: int) -> HttpResponse:
    vacancy = _staff_vacancy_or_404(request, pk)
    try:
        services.vacancy_publish(
            actor=request.user, vacancy_id=vacancy.pk, ip_address=client_ip(request)
        )
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect("vacancies:review", pk=pk)
    messages.success(request, _("The vacancy is published."))
    return redirect("vacancies:queue")


@require_POST
@staff_required(roles=DECIDING_ROLES)
def return_for_changes(request: HttpRequest, pk: int) -> HttpResponse:
    vacancy = _staff_vacancy_or_404(request, pk)
    form = ReturnForm(request.POST)
    if form.is_valid():
        try:
            services.vacancy_return(
                actor=request.user,
                vacancy_id=vacancy.pk,
                items=[services.ReturnItemInput(f, t) for f, t in form.items()],
                note=form.cleaned_data["note"],
                ip_address=client_ip(request),
            )
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("The vacancy was sent back to the employer."))
            return redirect("vacancies:queue")
    return review(request, pk, return_form=form)


# --- Hires reported outside Pencaker -----------------------------------------------------------


@employer_required
def employer_hire_report(request: HttpRequest, membership=None) -> HttpResponse:
    if membership is None:
        return redirect("employers:register")
    form = HireReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            hire_reports.hire_report_create(
                actor=request.user,
                today=timezone.localdate(),
                ip_address=client_ip(request),
                **form.cleaned_data,
            )
        except DomainError as exc:
            form.add_domain_error(exc)
        else:
            messages.success(request, _("The hire is reported. The holder is asked to confirm it."))
            return redirect("vacancies:employer_list")
    return render(request, "vacancies/employer_hire_report.html", {"form": form})


def _hire_report_answer(request: HttpRequest, pk: int, *, confirm: bool) -> HttpResponse:
    try:
        hire_reports.hire_report_decide(
            actor=request.user, report_id=pk, confirm=confirm, today=timezone.localdate()
        )
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(
            request,
            _("Thank you! The job is recorded and your card is updated.")
            if confirm
            else _("Thank you. Nothing is recorded on your card."),
        )
    return redirect("lifecycle:home")


@login_required
@require_POST
def hire_report_confirm(request: HttpRequest, pk: int) -> HttpResponse:
    return _hire_report_answer(request, pk, confirm=True)


@login_required
@require_POST
def hire_report_decline(request: HttpRequest, pk: int) -> HttpResponse:
    return _hire_report_answer(request, pk, confirm=False)
