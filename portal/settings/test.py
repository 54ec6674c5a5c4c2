"""Test settings: fast hashing, local-memory cache and e-mail, throwaway media."""

import atexit
import shutil
import tempfile
from pathlib import Path

from .base import *  # noqa: F403

SECRET_KEY = "test-only-not-secret"  # noqa: S105
DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Tasks run at once, in the on-commit callback that enqueues them; tests of the queue itself switch to the
# database backend and drain it with a worker (tests/forms/messaging/conftest.py).
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
# Credentials a developer's shell may carry never reach a test: each channel test sets its own.
WHATSAPP_ACCESS_TOKEN = WHATSAPP_PHONE_NUMBER_ID = SMS_PROVIDER = ""
# Purges run when a transaction commits, which a test's rolled-back transaction never does: tests that edit content
# and read it back would see the kept copy. The page cache's own tests turn it on (tests/home/test_page_cache.py).
PAGE_CACHE_ENABLED = False
_tmp = Path(tempfile.mkdtemp(prefix="portal-test-"))
atexit.register(shutil.rmtree, _tmp, ignore_errors=True)
MEDIA_ROOT = _tmp / "media"
PRIVATE_MEDIA_ROOT = _tmp / "private"
if "private" in STORAGES and "location" in STORAGES["private"].get("OPTIONS", {}):  # noqa: F405
    STORAGES["private"]["OPTIONS"]["location"] = str(PRIVATE_MEDIA_ROOT)  # noqa: F405
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}  # noqa: F405
WAGTAILADMIN_BASE_URL = "http://testserver"
WHITENOISE_AUTOREFRESH = True  # serve from the finders; no collectstatic in tests

if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":  # noqa: F405
    # The ledger and audit-log triggers refuse TRUNCATE unless the session says so; Django's flush between
    # transactional (browser) tests is a TRUNCATE. Only the test connections say so: production never sets it.
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c portal.allow_truncate=on"  # noqa: F405

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    # A file, not shared-cache memory: the browser tests' live server runs in another thread, and shared-cache
    # SQLite answers "table is locked" instead of waiting. tmpfs keeps it as fast as memory.
    _shm = "/dev/shm" if Path("/dev/shm").is_dir() else None  # noqa: S108  (mkdtemp makes a private 0700 folder)
    _db_dir = Path(tempfile.mkdtemp(prefix="portal-test-db-", dir=_shm))
    atexit.register(shutil.rmtree, _db_dir, ignore_errors=True)
    DATABASES["default"]["TEST"] = {"NAME": str(_db_dir / "test.sqlite3")}  # noqa: F405
