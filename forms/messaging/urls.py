from django.urls import path

from . import views

app_name = "messaging"

urlpatterns = [
    path("akun/pesan/", views.channel_preferences, name="channel_preferences"),
]
