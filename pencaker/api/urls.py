from django.urls import path

from pencaker.api.api import api

urlpatterns = [path("", api.urls)]
