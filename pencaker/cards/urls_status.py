"""Mounted by the root URLconf at /.well-known/pencaker-status.json (RFC 8615)."""

from django.urls import path

from pencaker.cards import views

urlpatterns = [path("", views.status_list, name="card_status_well_known")]
