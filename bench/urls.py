"""The benchmark server's URL configuration: the reference views, then every production
address unchanged (selected only by ``bench.settings``)."""

from django.urls import path

from bench import views
from pencaker import urls as production

urlpatterns = [
    path("bench/bare", views.reference, name="bench_bare"),
    path("bench/full", views.reference, name="bench_full"),
    path("bench/insert", views.insert, name="bench_insert"),
    *production.urlpatterns,
]

handler400 = production.handler400
handler403 = production.handler403
handler404 = production.handler404
handler500 = production.handler500
