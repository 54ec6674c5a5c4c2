"""The ceiling: the most a Django view can do on this machine. One trivial view, no middleware, no database,
configured here alone and served by the same gunicorn settings as the portal (bench/pages.py starts it)."""

from django.conf import settings

settings.configure(
    DEBUG=False,
    SECRET_KEY="ceiling-only",  # noqa: S106 - no session, no signing: nothing uses it
    ALLOWED_HOSTS=["*"],
    ROOT_URLCONF=__name__,
    MIDDLEWARE=[],
    INSTALLED_APPS=[],
    USE_I18N=False,
)

from django.core.wsgi import get_wsgi_application  # noqa: E402
from django.http import HttpResponse  # noqa: E402
from django.urls import path  # noqa: E402


def trivial(request):
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [path("", trivial)]
application = get_wsgi_application()
