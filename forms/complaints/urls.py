from django.urls import path

from . import views

app_name = "complaints"

urlpatterns = [
    path("", views.complaint_create, name="create"),
    path("terkirim/", views.complaint_done, name="done"),
    path("lacak/", views.complaint_tracking, name="tracking"),
]
