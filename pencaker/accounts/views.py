from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def signup(request: HttpRequest) -> HttpResponse:
    # Replaced by the full sign-up flow (accounts work package).
    return render(request, "accounts/login.html", {"form": None})
