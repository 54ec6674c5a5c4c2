from django.urls import path

from . import public_views

app_name = "dispatch_public"

urlpatterns = [
    path("stok-blanko/", public_views.public_stock_view, name="stock"),
    path("permohonan/<str:tracking_number>/ganti-ikd/", public_views.ikd_instead_view, name="ikd_instead"),
]
