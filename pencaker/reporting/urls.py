from django.urls import path

from pencaker.reporting import views

app_name = "reporting"

urlpatterns = [
    path("ipk/", views.ipk_dashboard, name="ipk"),
    path("ipk/unduh/<slug:form_slug>/", views.ipk_export_xlsx, name="ipk_xlsx"),
    path("kinerja/", views.staff_performance, name="performance"),
    path("provinsi/", views.province_dashboard, name="province"),
]
