"""What the profile pages share: one form per section, saved through its service."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from pencaker.core.errors import DomainError
from pencaker.seekers import services

SAVED = gettext_lazy("Saved.")


def _profile(request: HttpRequest):
    return services.profile_ensure(user=request.user)


def _single_section(
    request: HttpRequest,
    *,
    form_class: type,
    initial: dict[str, Any],
    save,
    title,
    intro="",
    template: str = "seekers/section_form.html",
    extra: dict[str, Any] | None = None,
) -> HttpResponse:
    """One form for one section: save through the service, or show its messages."""
    if request.method == "POST":
        form = form_class(request.POST)
        if form.is_valid():
            try:
                save(form.cleaned_data)
            except DomainError as error:
                form.add_domain_error(error)
            else:
                messages.success(request, SAVED)
                return redirect("seekers:overview")
    else:
        form = form_class(initial=initial)
    context = {"form": form, "title": title, "intro": intro, **(extra or {})}
    return render(request, template, context, status=400 if form.errors else 200)


def _list_section(
    request: HttpRequest,
    *,
    form_class: type,
    entries,
    add,
    title,
    intro="",
    remove_url: str,
    edit_url: str = "",
    entry_template: str,
) -> HttpResponse:
    if request.method == "POST":
        form = form_class(request.POST)
        if form.is_valid():
            try:
                add(form.cleaned_data)
            except DomainError as error:
                form.add_domain_error(error)
            else:
                messages.success(request, SAVED)
                return redirect(request.path)
    else:
        form = form_class()
    context = {
        "form": form,
        "title": title,
        "intro": intro,
        "entries": entries,
        "remove_url": remove_url,
        "edit_url": edit_url,
        "entry_template": entry_template,
    }
    return render(request, "seekers/section_list.html", context, status=400 if form.errors else 200)


def _remove(request: HttpRequest, *, model, pk: int, remove, back: str) -> HttpResponse:
    """GET asks to confirm (a page, so it works without JavaScript); POST removes."""
    profile = _profile(request)
    entry = get_object_or_404(model, pk=pk, profile=profile)
    if request.method == "GET":
        return render(
            request,
            "confirm.html",
            {
                "title": _("Remove this entry?"),
                "text": str(entry),
                "button": _("Yes, remove"),
                "action_url": request.path,
                "cancel_url": reverse(back),
            },
        )
    try:
        remove(entry)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Removed."))
    return redirect(back)
