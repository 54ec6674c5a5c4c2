from django.conf import settings
from django.urls import include, path, re_path
from django.views.generic import RedirectView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls
from wagtail.urls import serve_pattern

from home import views as home_views

from .totp_setup import totp_activate

urlpatterns = [
    path("healthz", home_views.healthz, name="healthz"),
    # One login for everyone, with allauth's rate limits and second-factor stage; Wagtail's own is retired.
    path("admin/login/", RedirectView.as_view(pattern_name="account_login", query_string=True)),
    # Wagtail's own password-reset screens would be a second, unlimited reset path; allauth's is the one.
    re_path(r"^admin/password_reset/", RedirectView.as_view(pattern_name="account_reset_password")),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("i18n/", include("django.conf.urls.i18n")),
    path("bahasa/<str:code>/", home_views.switch_language, name="switch_language"),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    # Public content media only; citizens' uploads live in the private storage and are never served here.
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += [
    # allauth's TOTP activation, behind a code e-mailed to the verified address (portal.totp_setup).
    path("akun/2fa/totp/activate/", totp_activate, name="mfa_activate_totp"),
    path("akun/", include("allauth.urls")),
    path("", include("forms.urls")),
    path("", include("forms.messaging.urls")),
    path("pengaduan/", include("forms.complaints.urls")),
    path("", include("forms.survey.urls")),
    path("kunjungan-ikd/", include("forms.visits.urls")),
    path("", include("forms.documents.urls")),
    path("", include("forms.dispatch.public_urls")),
    path("cari/", home_views.search, name="search"),
    # Wagtail's pages through the portal's non-atomic wrapper; Wagtail's own helper routes (_util/) as they are.
    *[pattern for pattern in wagtail_urls.urlpatterns if pattern.name != "wagtail_serve"],
    re_path(serve_pattern, home_views.serve, name="wagtail_serve"),
]
