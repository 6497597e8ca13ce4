"""Mounted by the root URLconf at /.well-known/pencaker-keys.json (RFC 8615)."""

from django.urls import path

from pencaker.cards import views

urlpatterns = [path("", views.jwks, name="card_keys_well_known")]
