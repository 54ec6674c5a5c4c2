from django.urls import path

from . import views

app_name = "survey"

urlpatterns = [
    path("transparansi/survei-kepuasan/", views.transparency, name="transparency"),
    path("survei-kepuasan/terima-kasih/", views.thanks, name="thanks"),
    path("survei-kepuasan/<str:token>/", views.answer, name="answer"),
]
