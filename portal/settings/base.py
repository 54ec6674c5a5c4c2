"""Settings shared by every environment; all deployment values come from the environment."""

from pathlib import Path

import environ
from boto3.s3.transfer import TransferConfig
from django.utils.translation import gettext_lazy as _

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent

env = environ.Env()

DEBUG = env.bool("DJANGO_DEBUG", default=False)
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "home",
    "services",
    "forms",
    "forms.messaging",
    "forms.jobs",
    "forms.dispatch",
    "forms.reports",
    "forms.complaints",
    "forms.survey",
    "forms.visits",
    "forms.documents",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "portal.apps.StaffUsersAppConfig",  # wagtail.users, with the portal's staff user screens
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "storages",
    "django_tasks",
    "django_tasks_db",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
]

MIDDLEWARE = [
    # First: a kept public page is answered before anything else runs (portal.caching); then gzip, public pages only.
    "portal.caching.PageCacheMiddleware",
    "portal.caching.PublicGZipMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "portal.middleware.CookieLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "portal.middleware.SessionLimitsMiddleware",
    "portal.middleware.AccountPagesNoStoreMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "portal.middleware.AreaCSPMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "portal.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PROJECT_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "home.context_processors.navigation",
            ],
        },
    },
]

WSGI_APPLICATION = "portal.wsgi.application"

# SQLite file unless DATABASE_URL names another database (PostgreSQL in production).
DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
DATABASES["default"]["ATOMIC_REQUESTS"] = True
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DATABASE_CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # A request's transaction reads, then writes (an audit entry, the session). Begun DEFERRED, two such requests
    # deadlock on the upgrade and one fails at once with "database is locked"; IMMEDIATE makes the second wait.
    DATABASES["default"].setdefault("OPTIONS", {}).update({"transaction_mode": "IMMEDIATE", "timeout": 20})
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# A shared cache (Redis) when several app servers run; local memory otherwise.
if env.str("REDIS_URL", default=""):
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": env.str("REDIS_URL"),
            "OPTIONS": {"CLIENT_CLASS": "django_redis.client.DefaultClient"},
        }
    }
    # Sessions are read from the shared cache and written through to the database: no session query on a read.
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Anonymous visitors' public pages are kept this long in the shared cache above and by browsers and proxies; every
# publish purges the pages it changes at once (home.cache_purge), so this only bounds what an unseen change costs.
PAGE_CACHE_SECONDS = env.int("PAGE_CACHE_SECONDS", default=300)
PAGE_CACHE_ENABLED = env.bool("PAGE_CACHE_ENABLED", default=True)
# A CDN or caching proxy in front (Varnish; see README) is purged through wagtail.contrib.frontend_cache.
if env.str("FRONTEND_CACHE_PURGE_URL", default=""):
    WAGTAILFRONTENDCACHE = {
        "proxy": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": env.str("FRONTEND_CACHE_PURGE_URL"),
        }
    }

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Bahasa Indonesia first; English UI strings are available under /en/.
LANGUAGE_CODE = "id"
LANGUAGES = [("id", _("Bahasa Indonesia")), ("en", _("English"))]
# The override catalogue of Wagtail's, allauth's and django-filter's staff strings comes first (portal/locale).
LOCALE_PATHS = [PROJECT_DIR / "locale", BASE_DIR / "locale"]
TIME_ZONE = "Asia/Makassar"  # WITA, the office's clock
USE_I18N = True
USE_TZ = True

STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
STATICFILES_DIRS = [PROJECT_DIR / "static"]
STATIC_ROOT = BASE_DIR / "staticfiles"
STATIC_URL = "/static/"

# Public content media (Wagtail images and documents). Citizen uploads never go here.
MEDIA_ROOT = BASE_DIR / "media"
MEDIA_URL = "/media/"
# Citizens' uploads: a separate storage, outside MEDIA_ROOT, never served directly.
PRIVATE_MEDIA_ROOT = env.path("PRIVATE_MEDIA_ROOT", default=BASE_DIR / "private")

AWS_STORAGE_BUCKET_NAME = env.str("AWS_STORAGE_BUCKET_NAME", default="")
# How the private storage writes to S3. Every private name is a fresh UUID (forms.intake.uploads.private_upload_name),
# so there is nothing to keep from being overwritten: no HEAD before each PUT. Every object is at most a few MB,
# below boto3's multipart threshold: one PUT from the request's own thread, not a thread pool started per upload.
PRIVATE_S3_WRITES = {"file_overwrite": True, "transfer_config": TransferConfig(use_threads=False)}
if AWS_STORAGE_BUCKET_NAME:
    _s3_common = {
        "access_key": env.str("AWS_ACCESS_KEY_ID", default=None),
        "secret_key": env.str("AWS_SECRET_ACCESS_KEY", default=None),
        "region_name": env.str("AWS_S3_REGION_NAME", default=None),
        "endpoint_url": env.str("AWS_S3_ENDPOINT_URL", default=None),
        "custom_domain": None,
        "file_overwrite": False,
        "querystring_auth": True,
        "default_acl": None,  # objects inherit the bucket's private policy
        "signature_version": "s3v4",
    }
    STORAGES = {
        "default": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {**_s3_common, "location": "public"},
        },
        "private": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                **_s3_common,
                **PRIVATE_S3_WRITES,
                "bucket_name": env.str("AWS_PRIVATE_BUCKET_NAME", default=AWS_STORAGE_BUCKET_NAME),
                "location": "private",
                # Signed URLs for citizens' documents live minutes, not the default hour.
                "querystring_expire": env.int("AWS_PRIVATE_URL_EXPIRE", default=300),
            },
        },
    }
else:
    STORAGES = {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "private": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(PRIVATE_MEDIA_ROOT), "base_url": None},
        },
    }
STORAGES["staticfiles"] = {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"}

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

EMAIL_BACKEND = env.str("EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Disdukcapil Balikpapan <noreply@localhost>")

# Headers (security.md): a tight CSP; Wagtail's admin gets its own, looser policy in portal.middleware.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
    }
}
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

# Citizens' accounts (django-allauth): e-mail login, mandatory e-mail verification, rate limits on the cache.
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "/permohonan/"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_SIGNUP_FORM_CLASS = "forms.intake.accounts.CitizenSignupForm"
ACCOUNT_ADAPTER = "forms.intake.accounts.PortalAccountAdapter"
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = True
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Disdukcapil Balikpapan] "
ACCOUNT_DEFAULT_HTTP_PROTOCOL = env.str("ACCOUNT_DEFAULT_HTTP_PROTOCOL", default="http")
# Behind a reverse proxy, name how many proxies append to X-Forwarded-For (or the header that carries the client's
# address); otherwise every visitor shares the proxy's address and one visitor's attempts lock out everyone.
# The portal's own attempt limits (tracking, complaints) read the address the same way (forms.visitors).
ALLAUTH_TRUSTED_PROXY_COUNT = env.int("ALLAUTH_TRUSTED_PROXY_COUNT", default=0)
ALLAUTH_TRUSTED_CLIENT_IP_HEADER = env.str("ALLAUTH_TRUSTED_CLIENT_IP_HEADER", default=None)
# Limits per account and per address together, as sliding windows (a cool-off, never a hard lock). Indonesian
# carriers put many subscribers behind one address, so the per-address ceilings are in the hundreds; five wrong
# passwords on one account make that account wait five minutes.
ACCOUNT_RATE_LIMITS = {
    "login": "300/m/ip",
    "login_failed": "300/15m/ip,5/5m/key",
    "signup": "100/h/ip",
    "reset_password": "100/h/ip,3/h/key",
    "confirm_email": "1/3m/key",
    # The portal's own limits, on allauth's limiter (allauth.core.ratelimit): the code e-mailed before a first TOTP
    # is bound (portal.totp_setup), and the public status lookup per address and per tracking number (forms.views).
    "totp_email_code": "3/15m/user",
    "tracking_lookup": "10/10m/ip",
    "tracking_lookup_number": "20/h/key",
    # Checking a file against an issued document on the public verification page (forms.documents).
    "document_verify": "10/10m/ip",
}
# Citizens' sessions end after this long without a request, and this long after logging in at most.
SESSION_IDLE_SECONDS = env.int("SESSION_IDLE_SECONDS", default=2 * 60 * 60)
SESSION_MAX_SECONDS = env.int("SESSION_MAX_SECONDS", default=24 * 60 * 60)

# The service clock (domain.md section 3): office hours in WITA; requests after the cut-off count from the next
# working day. The standard promises same-day processing for requests received 08:00-14:00.
OFFICE_OPENS = env.str("OFFICE_OPENS", default="08:00")
OFFICE_CLOSES = env.str("OFFICE_CLOSES", default="16:00")
OFFICE_CUTOFF = env.str("OFFICE_CUTOFF", default="14:00")
SERVICE_WORKING_DAYS = env.int("SERVICE_WORKING_DAYS", default=1)
# A case's holder (or its kecamatan's operators) is reminded this many working minutes before its due time.
CASE_REMINDER_MINUTES_BEFORE_DUE = env.int("CASE_REMINDER_MINUTES_BEFORE_DUE", default=120)

# Staff (security.md): a TOTP second factor before the admin opens, and sessions that end.
WAGTAILADMIN_LOGIN_URL = "account_login"
# A page an editor makes private sends visitors to the portal's own sign-in, not Wagtail's bare /_util/login/.
WAGTAIL_FRONTEND_LOGIN_URL = "/akun/login/"
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Disdukcapil Balikpapan"
STAFF_MFA_REQUIRED = env.bool("STAFF_MFA_REQUIRED", default=True)
STAFF_MFA_EXEMPT_USERNAMES: list[str] = []  # honoured only with DEBUG on (development demo accounts)
STAFF_SESSION_IDLE_SECONDS = env.int("STAFF_SESSION_IDLE_SECONDS", default=30 * 60)
STAFF_SESSION_MAX_SECONDS = env.int("STAFF_SESSION_MAX_SECONDS", default=10 * 60 * 60)
# A first TOTP device is bound only after a code e-mailed to the verified address (portal.totp_setup).
MFA_FORMS = {"activate_totp": "portal.totp_setup.EmailConfirmedActivateTOTPForm"}
# Nobody types a password for someone else in Wagtail's Users screens; new staff get a set-up link by e-mail
# (portal.staff_users).
WAGTAILUSERS_PASSWORD_ENABLED = False
# Passwords and e-mail addresses change through allauth's screens only (/akun/), with its rate limits and
# e-mail verification; Wagtail's own account screen would bypass both.
WAGTAIL_PASSWORD_MANAGEMENT_ENABLED = False
WAGTAIL_EMAIL_MANAGEMENT_ENABLED = False
# No Gravatar: the admin's CSP allows images from this site only, and staff e-mail hashes would leave the office.
# Staff without an uploaded avatar get Wagtail's bundled default picture.
WAGTAIL_GRAVATAR_PROVIDER_URL = None

# Every status change reaches the citizen through these (dotted paths to Notifier classes).
APPLICATION_NOTIFIERS = ["forms.office.notifications.MessengerNotifier"]

# Background work (django-tasks, the API Django 6 takes into core): messages, scheduled jobs. The database backend
# needs no broker; `manage.py db_worker` runs the tasks and `manage.py jobs_schedule` starts the scheduled jobs.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
# A failed send is tried again after 1, 2, 4, ... minutes (at most an hour apart), then marked given up.
MESSAGE_MAX_ATTEMPTS = env.int("MESSAGE_MAX_ATTEMPTS", default=6)
MESSAGE_RETRY_BASE_SECONDS = env.int("MESSAGE_RETRY_BASE_SECONDS", default=60)
MESSAGE_RETRY_MAX_SECONDS = env.int("MESSAGE_RETRY_MAX_SECONDS", default=3600)
MESSAGE_PROVIDER_TIMEOUT_SECONDS = env.int("MESSAGE_PROVIDER_TIMEOUT_SECONDS", default=15)
# A scheduled job that fails is tried this many times (1, 2, 4, ... minutes apart), then the SIAK administrators
# are e-mailed.
JOB_MAX_ATTEMPTS = env.int("JOB_MAX_ATTEMPTS", default=3)
JOB_RETRY_BASE_SECONDS = env.int("JOB_RETRY_BASE_SECONDS", default=60)
# /healthz answers 503 when the oldest task waiting to run has waited longer than this.
TASKS_HEALTH_MAX_WAIT_SECONDS = env.int("TASKS_HEALTH_MAX_WAIT_SECONDS", default=600)
# Channels: provider credentials come from the environment only; without them the channel is off.
WHATSAPP_ACCESS_TOKEN = env.str("WHATSAPP_ACCESS_TOKEN", default="")
WHATSAPP_PHONE_NUMBER_ID = env.str("WHATSAPP_PHONE_NUMBER_ID", default="")
WHATSAPP_API_BASE = env.str("WHATSAPP_API_BASE", default="https://graph.facebook.com")
WHATSAPP_API_VERSION = env.str("WHATSAPP_API_VERSION", default="v23.0")
SMS_PROVIDERS = {"twilio": "forms.messaging.channels.sms.TwilioSmsAdapter"}
SMS_PROVIDER = env.str("SMS_PROVIDER", default="")
SMS_FROM = env.str("SMS_FROM", default="")
SMS_TWILIO_ACCOUNT_SID = env.str("SMS_TWILIO_ACCOUNT_SID", default="")
SMS_TWILIO_AUTH_TOKEN = env.str("SMS_TWILIO_AUTH_TOKEN", default="")
SMS_TWILIO_API_BASE = env.str("SMS_TWILIO_API_BASE", default="https://api.twilio.com")
# UU 27/2022 retention limit: documents and personal fields of finished applications are removed this many days
# after they were archived or rejected (`manage.py retention_sweep`, daily).
RETENTION_DAYS_AFTER_FINISH = env.int("RETENTION_DAYS_AFTER_FINISH", default=365)
# An unfinished application (its answers and files) is deleted this long after it was last saved; the citizen is
# told one day before.
DRAFT_EXPIRY_DAYS = env.int("DRAFT_EXPIRY_DAYS", default=30)
PORTAL_BASE_URL = env.str("PORTAL_BASE_URL", default="http://127.0.0.1:8000")
# ClamAV (clamd) scan of uploads: off unless configured; when on, an unreachable daemon refuses uploads.
CLAMAV_ENABLED = env.bool("CLAMAV_ENABLED", default=False)
CLAMAV_SOCKET = env.str("CLAMAV_SOCKET", default="")
CLAMAV_HOST = env.str("CLAMAV_HOST", default="127.0.0.1")
CLAMAV_PORT = env.int("CLAMAV_PORT", default=3310)
CLAMAV_TIMEOUT = env.int("CLAMAV_TIMEOUT", default=30)
# Request bodies beyond this never reach the upload checks (several documents of 5 MB each).
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440

# Django's default logging, with NIKs and KK numbers masked on every handler (security.md: logs do not leak),
# runserver's access log (django.server) included. gunicorn's own logs get the same filter from gunicorn.conf.py.
# Django's mail_admins handler is left out: its report is built from the request itself, which no filter masks.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "mask_id_numbers": {"()": "portal.logging.NIKMaskingFilter"},
        "require_debug_true": {"()": "django.utils.log.RequireDebugTrue"},
    },
    "formatters": {
        "django.server": {
            "()": "django.utils.log.ServerFormatter",
            "format": "[{server_time}] {message}",
            "style": "{",
        }
    },
    "handlers": {
        "console": {
            "level": "INFO",
            "class": "logging.StreamHandler",
            "filters": ["require_debug_true", "mask_id_numbers"],
        },
        "django.server": {
            "level": "INFO",
            "class": "logging.StreamHandler",
            "formatter": "django.server",
            "filters": ["mask_id_numbers"],
        },
    },
    # Development shows warnings and Django's own INFO lines, as Django's default does; production sets LOG_LEVEL.
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {
        "django": {"level": "INFO"},
        "django.server": {"handlers": ["django.server"], "level": "INFO", "propagate": False},
    },
}

WAGTAIL_SITE_NAME = "Disdukcapil Kota Balikpapan"
WAGTAIL_I18N_ENABLED = False
WAGTAILADMIN_BASE_URL = env.str("WAGTAILADMIN_BASE_URL", default="http://127.0.0.1:8000")
WAGTAILADMIN_PERMITTED_LANGUAGES = [("id-id", "Bahasa Indonesia"), ("en", "English")]
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["pdf"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAIL_MODERATION_ENABLED = True
WAGTAIL_WORKFLOW_ENABLED = True
# Complaints unanswered by the direct superior for this many working days go to leadership (forms.complaints).
COMPLAINT_ESCALATION_WORKING_DAYS = env.int("COMPLAINT_ESCALATION_WORKING_DAYS", default=3)
# Community satisfaction survey: how long an invitation link works, and the fewest respondents a published figure has.
SURVEY_LINK_MAX_AGE_DAYS = env.int("SURVEY_LINK_MAX_AGE_DAYS", default=30)
SURVEY_MIN_RESPONDENTS = env.int("SURVEY_MIN_RESPONDENTS", default=5)
# IKD activation visits (forms.visits): places per office and day unless an office sets its own, and how far ahead.
VISIT_DAILY_CAPACITY = env.int("VISIT_DAILY_CAPACITY", default=40)
VISIT_BOOKING_WINDOW_DAYS = env.int("VISIT_BOOKING_WINDOW_DAYS", default=14)
