"""Card pages: public verification (form and QR link), the holder's cards, PDF download,
and the published QR keys. Views parse, call one service or selector, and render."""

from __future__ import annotations

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from pencaker.accounts.permissions import seeker_required
from pencaker.cards import batch_check, qr_keys, selectors, services
from pencaker.cards import status_list as statuses
from pencaker.cards.forms import BatchCheckForm, CardCheckForm
from pencaker.cards.models import Card
from pencaker.core.audit import client_ip
from pencaker.core.errors import DomainError
from pencaker.core.input_rules import multipart_refusal


def _result_page(request, verification, *, form=None, status=200):
    return render(
        request,
        "cards/verify.html",
        {"form": form or CardCheckForm(), "result": verification},
        status=status,
    )


@never_cache
@require_http_methods(["GET", "POST"])
def verify(request):
    """Check a card by number and the holder's date of birth (works without JavaScript)."""
    if request.method != "POST":
        return render(request, "cards/verify.html", {"form": CardCheckForm(), "result": None})
    form = CardCheckForm(request.POST)
    if not form.is_valid():
        return render(request, "cards/verify.html", {"form": form, "result": None}, status=400)
    try:
        result = services.card_verify_number(
            number=form.cleaned_data["number"],
            birth_date=form.cleaned_data["birth_date"],
            ip_address=client_ip(request),
        )
    except DomainError as exc:
        return render(
            request,
            "cards/verify.html",
            {"form": form, "result": None, "refusal": exc.message},
            status=exc.status,
        )
    if not result.found:
        # A typing mistake belongs to the number; "not found" is about the pair.
        typo = result.outcome in ("bad_check_digit", "bad_format")
        form.add_error("number" if typo else None, result.message)
        return render(request, "cards/verify.html", {"form": form, "result": None}, status=200)
    return _result_page(request, result, form=CardCheckForm())


@never_cache
@require_GET
def verify_token(request, token: str):
    """The page a phone camera opens from the QR code."""
    try:
        result = services.card_verify_token(token=token, ip_address=client_ip(request))
    except DomainError as exc:
        return render(
            request,
            "cards/verify.html",
            {"form": CardCheckForm(), "result": None, "refusal": exc.message},
            status=exc.status,
        )
    return _result_page(request, result, status=200)


@seeker_required
def my_cards(request):
    cards = list(selectors.cards_of_holder(request.user))
    revocations = selectors.revocation_ids_of_holder(request.user)
    for card in cards:
        card.revocation_id = revocations.get(card.pk)
    return render(request, "cards/my_cards.html", {"cards": cards})


def download(request, number: str, version: int):
    """The signed PDF: for the holder, and for verified staff of the office (logged)."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    try:
        card, staff_view = selectors.card_for_viewer(
            user=request.user, number=number, version=version
        )
    except Card.DoesNotExist:
        raise Http404(_("This card was not found.")) from None
    if not card.has_pdf:
        raise Http404(_("The card is still being prepared. Try again in a few minutes."))
    if staff_view:
        services.card_download_record(card=card, actor=request.user, ip_address=client_ip(request))
    response = FileResponse(
        card.pdf.open("rb"),
        as_attachment=True,
        filename=f"kartu-ak1-{card.number}-v{card.version}.pdf",
        content_type="application/pdf",
    )
    response["Cache-Control"] = "private, no-store"
    return response


@require_GET
def jwks(request):
    """The public keys that sign QR tokens (JWK set), for offline verifiers."""
    response = JsonResponse(qr_keys.published_jwks())
    response["Access-Control-Allow-Origin"] = "*"
    response["Cache-Control"] = "public, max-age=3600"
    return response


@require_GET
def status_list(request):
    """The signed status list of revoked, superseded and removed card versions, for
    offline verifiers (docs/cards/status-list.md)."""
    response = JsonResponse(statuses.status_list_current())
    response["Access-Control-Allow-Origin"] = "*"
    # A phone keeps it until the next list is due; a shared cache only briefly, so a
    # revocation reaches the next fetch quickly.
    response["Cache-Control"] = "public, max-age=300"
    return response


@never_cache
@require_http_methods(["GET", "POST"])
def batch_check_page(request):
    """A verified employer checks up to 200 cards at once (paste or CSV)."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if request.user.role != "employer":
        raise PermissionDenied
    if refused := multipart_refusal(request):
        return refused
    form = BatchCheckForm(request.POST or None, request.FILES or None)
    context = {"form": form, "results": None, "max": batch_check.BATCH_MAX}
    if request.method == "POST" and form.is_valid():
        try:
            context["results"] = batch_check.card_check_many(
                actor=request.user,
                rows=batch_check.batch_rows_parse(form.text()),
                ip_address=client_ip(request),
            )
        except DomainError as exc:
            if exc.status == 403:
                raise PermissionDenied from exc
            form.add_error(None, exc.message)
    return render(request, "cards/batch_check.html", context, status=400 if form.errors else 200)
