from django.urls import path

from pencaker.cards import revocation_views, views

app_name = "cards"

urlpatterns = [
    path("", views.my_cards, name="mine"),
    path("cek/", views.verify, name="verify"),
    path("cek-massal/", views.batch_check_page, name="batch_check"),
    path("v/<str:token>", views.verify_token, name="verify_token"),
    path("kunci.json", views.jwks, name="jwks"),
    path("pencabutan/<int:pk>/", revocation_views.revocation_holder, name="revocation_holder"),
    path("petugas/pencabutan/", revocation_views.revocation_list, name="revocations"),
    path(
        "petugas/pencabutan/<int:pk>/",
        revocation_views.revocation_detail,
        name="revocation_detail",
    ),
    path(
        "petugas/pencabutan/bukti/<int:pk>/",
        revocation_views.revocation_evidence,
        name="revocation_evidence",
    ),
    path("<str:number>/v<int:version>/pdf/", views.download, name="download"),
]
