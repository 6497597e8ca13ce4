from django.urls import path

from pencaker.regions import views

app_name = "regions"

urlpatterns = [
    path("pilihan/", views.options, name="options"),
]
