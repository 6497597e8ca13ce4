from django.urls import path

from pencaker.exchange import views, views_claim

app_name = "exchange"

urlpatterns = [
    path("impor-pemegang/", views.holders_import_view, name="holders_import"),
    path("impor-pemegang/template.<str:fmt>", views.holders_template, name="holders_template"),
    path("klaim-akun/", views_claim.claim_start, name="claim_start"),
    path("klaim-akun/kode/", views_claim.claim_finish, name="claim_finish"),
]
