"""Public information pages (citizens, no sign-in) and the admin dinas' screens."""

from __future__ import annotations

from urllib.parse import quote

from django.contrib import messages
from django.contrib.syndication.views import Feed
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from pencaker.accounts.models import Role
from pencaker.accounts.permissions import staff_required
from pencaker.core.errors import DomainError
from pencaker.core.links import absolute_url
from pencaker.info import selectors, services
from pencaker.info.forms import AnnouncementForm, FaqForm, InfoSettingsForm
from pencaker.info.models import Announcement, FaqEntry

admin_required = staff_required(roles={Role.ADMIN_DINAS})


def _office(request: HttpRequest):
    office = selectors.office_for_public(request.GET.get("kantor") or None, host=request.get_host())
    if office is None:
        raise Http404
    return office


def _share(path: str, title: str) -> dict[str, str]:
    url = absolute_url(path)
    return {"url": url, "whatsapp_url": "https://wa.me/?text=" + quote(f"{title} – {url}")}


def _page(request, template, *, title, description, path, **context) -> HttpResponse:
    return render(
        request,
        template,
        {"og_title": title, "og_description": description, **_share(path, title), **context},
    )


def announcement_list(request: HttpRequest) -> HttpResponse:
    office = _office(request)
    items = list(selectors.announcements_published(office)[:50])
    return _page(
        request,
        "info/announcement_list.html",
        title=_("News and announcements"),
        description=_("News and announcements of %(office)s.") % {"office": office.name},
        path=reverse("info:announcements"),
        office=office,
        items=items,
    )


def _paragraphs(text: str) -> list[str]:
    return [p.strip() for p in text.replace("\r\n", "\n").split("\n\n") if p.strip()]


def announcement_detail(request: HttpRequest, pk: int) -> HttpResponse:
    item = selectors.announcement_get_public(pk)
    if item is None:
        raise Http404
    return _page(
        request,
        "info/announcement_detail.html",
        title=item.title,
        description=item.body[:200],
        path=reverse("info:announcement", args=[item.pk]),
        item=item,
        office=item.office,
        paragraphs=_paragraphs(item.body),
        image_url=absolute_url(reverse("info:announcement_image", args=[item.pk]))
        if item.image
        else "",
    )


def announcement_image(request: HttpRequest, pk: int) -> HttpResponse:
    """The re-encoded picture of a published announcement (or of any, for its admin)."""
    item = Announcement.objects.filter(pk=pk).first()
    if item is None or not item.image:
        raise Http404
    user = request.user
    is_admin = getattr(user, "role", None) == Role.ADMIN_DINAS and user.office_id == item.office_id
    if not is_admin and not selectors.announcement_is_live(item):
        raise Http404
    try:
        handle = default_storage.open(item.image, "rb")
    except OSError as exc:
        raise Http404 from exc
    response = FileResponse(handle, content_type=item.image_content_type or "image/jpeg")
    response["X-Content-Type-Options"] = "nosniff"
    return response


class AnnouncementFeed(Feed):
    """Atom feed of the published announcements of the default office."""

    feed_type = Atom1Feed
    title = gettext_lazy("News and announcements")
    subtitle = gettext_lazy("Published announcements of the manpower office")

    def link(self) -> str:
        return reverse("info:announcements")

    def items(self):
        office = selectors.office_for_public()
        if office is None:
            return []
        return list(selectors.announcements_published(office)[:30])

    def item_title(self, item: Announcement) -> str:
        return item.title

    def item_description(self, item: Announcement) -> str:
        return item.body

    def item_link(self, item: Announcement) -> str:
        return reverse("info:announcement", args=[item.pk])

    def item_pubdate(self, item: Announcement):
        return item.publish_at

    def item_updateddate(self, item: Announcement):
        return item.updated_at


def faq(request: HttpRequest) -> HttpResponse:
    office = _office(request)
    return _page(
        request,
        "info/faq.html",
        title=_("Frequently asked questions"),
        description=_("Answers to common questions about the AK/1 card at %(office)s.")
        % {"office": office.name},
        path=reverse("info:faq"),
        office=office,
        entries=selectors.faq_published(office),
    )


def office_profile(request: HttpRequest) -> HttpResponse:
    office = _office(request)
    settings = selectors.info_settings(office)
    return _page(
        request,
        "info/office_profile.html",
        title=office.name,
        description=_("Address, opening hours, services and contacts of %(office)s.")
        % {"office": office.name},
        path=reverse("info:office"),
        office=office,
        info=settings,
        services_lines=[s for s in settings.services.splitlines() if s.strip()],
    )


def service_standard(request: HttpRequest) -> HttpResponse:
    office = _office(request)
    return _page(
        request,
        "info/service_standard.html",
        title=_("Service standard"),
        description=_("Requirements, procedure, time, cost and product of the AK/1 card service."),
        path=reverse("info:standard"),
        office=office,
        standard=selectors.service_standard(office),
    )


# --- Staff (admin dinas of the office) -----------------------------------------------------


@admin_required
def manage(request: HttpRequest) -> HttpResponse:
    office = request.user.office
    return render(
        request,
        "info/manage.html",
        {
            "office": office,
            "announcements": [
                (a, selectors.announcement_is_live(a))
                for a in selectors.announcements_for_staff(office)
            ],
            "faq_entries": selectors.faq_for_staff(office),
        },
    )


def _announcement_input(form: AnnouncementForm) -> services.AnnouncementInput:
    data = form.cleaned_data
    return services.AnnouncementInput(
        title=data["title"],
        body=data["body"],
        publish_at=data["publish_at"],
        unpublish_at=data.get("unpublish_at"),
    )


@admin_required
def announcement_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    item = None
    if pk is not None:
        item = Announcement.objects.filter(pk=pk, office_id=request.user.office_id).first()
        if item is None:
            raise Http404
    if request.method == "POST":
        form = AnnouncementForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                image = form.cleaned_data.get("image")
                if item is None:
                    services.announcement_create(
                        actor=request.user,
                        office=request.user.office,
                        data=_announcement_input(form),
                        image=image,
                    )
                else:
                    services.announcement_update(
                        actor=request.user,
                        pk=item.pk,
                        data=_announcement_input(form),
                        image=image,
                        remove_image=form.cleaned_data.get("remove_image", False),
                    )
            except DomainError as exc:
                form.add_domain_error(exc)
            else:
                messages.success(request, _("The announcement was saved."))
                return redirect("info:manage")
    elif item is not None:
        form = AnnouncementForm(
            initial={
                "title": item.title,
                "body": item.body,
                "publish_at": item.publish_at,
                "unpublish_at": item.unpublish_at,
            }
        )
    else:
        form = AnnouncementForm()
    return render(request, "info/announcement_form.html", {"form": form, "item": item})


@admin_required
@require_POST
def announcement_unpublish(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        services.announcement_unpublish(actor=request.user, pk=pk)
    except DomainError as exc:
        raise Http404 from exc
    messages.success(request, _("The announcement was unpublished."))
    return redirect("info:manage")


@admin_required
def faq_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    entry = None
    if pk is not None:
        entry = FaqEntry.objects.filter(pk=pk, office_id=request.user.office_id).first()
        if entry is None:
            raise Http404
    if request.method == "POST":
        form = FaqForm(request.POST)
        if form.is_valid():
            data = services.FaqInput(**form.cleaned_data)
            try:
                if entry is None:
                    services.faq_create(actor=request.user, office=request.user.office, data=data)
                else:
                    services.faq_update(actor=request.user, pk=entry.pk, data=data)
            except DomainError as exc:
                form.add_domain_error(exc)
            else:
                messages.success(request, _("The question was saved."))
                return redirect("info:manage")
    elif entry is not None:
        form = FaqForm(
            initial={
                "question": entry.question,
                "answer": entry.answer,
                "position": entry.position,
                "published": entry.published,
            }
        )
    else:
        form = FaqForm()
    return render(request, "info/faq_form.html", {"form": form, "entry": entry})


@admin_required
def settings_edit(request: HttpRequest) -> HttpResponse:
    office = request.user.office
    current = selectors.info_settings(office)
    if request.method == "POST":
        form = InfoSettingsForm(request.POST)
        if form.is_valid():
            try:
                services.info_settings_update(
                    actor=request.user, office=office, **form.cleaned_data
                )
            except DomainError as exc:
                form.add_domain_error(exc)
            else:
                messages.success(request, _("The settings were saved."))
                return redirect("info:manage")
    else:
        form = InfoSettingsForm(
            initial={
                "regional_regulation": current.regional_regulation,
                "services": current.services,
                "map_url": current.map_url,
            }
        )
    return render(request, "info/settings_form.html", {"form": form})
