"""Local development: debug on, console e-mail, a development-only secret."""

from .base import *  # noqa: F403
from .base import env

DEBUG = env.bool("DJANGO_DEBUG", default=True)
# Development only: production.py reads SECRET_KEY from the environment and has no default.
SECRET_KEY = env.str("SECRET_KEY", default="dev-only-insecure-key")  # noqa: S105
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}  # noqa: F405
WHITENOISE_AUTOREFRESH = True
# The demo staff accounts may open the admin without a second factor on a development machine only.
STAFF_MFA_EXEMPT_USERNAMES = [
    "admin",
    "editor",
    "kepala.satker",
    "operator.kota",
    "operator.utara",
    "verifikator",
    "admin.siak",
    "kadis",
]
