"""Production settings for bench/submit_under_faults.py, except that static URLs need no collectstatic manifest."""

from portal.settings.production import *  # noqa: F403
from portal.settings.production import STORAGES

# The manifest storage reads staticfiles/ written by `collectstatic`; the bench must not write into the repository,
# and its citizens never fetch static files. Everything else (DEBUG off, secure cookies, HSTS, S3) is production's.
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
STATIC_ROOT = None  # so whitenoise does not warn about the missing staticfiles/
