from django.urls import path

from pencaker.cards import views

app_name = "cards"

urlpatterns = [
    path("", views.my_cards, name="mine"),
    path("cek/", views.verify, name="verify"),
    path("cek-massal/", views.batch_check_page, name="batch_check"),
    path("v/<str:token>", views.verify_token, name="verify_token"),
    path("kunci.json", views.jwks, name="jwks"),
    path("<str:number>/v<int:version>/pdf/", views.download, name="download"),
]
