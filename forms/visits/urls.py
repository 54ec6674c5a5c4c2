from django.urls import path

from . import views

app_name = "visits"

urlpatterns = [
    path("<str:tracking_number>/pesan-ulang/", views.visit_rebook_view, name="rebook"),
]
