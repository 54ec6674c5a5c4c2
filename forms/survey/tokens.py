"""Signed, expiring survey links: they name one application and work without logging in."""

from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.urls import reverse

SALT = "forms.survey.invitation"


class InvalidToken(Exception):
    """The link was altered, truncated or never issued."""


class ExpiredToken(InvalidToken):
    """The link was genuine but is older than the survey window."""


def link_max_age() -> timedelta:
    return timedelta(days=getattr(settings, "SURVEY_LINK_MAX_AGE_DAYS", 30))


def survey_token(application) -> str:
    """A compact token (the QR code stays small): the application's id, a timestamp and a signature."""
    return signing.TimestampSigner(salt=SALT).sign(str(application.pk))


def survey_token_read(token: str) -> int:
    """The application id in a token; raises ExpiredToken or InvalidToken."""
    try:
        value = signing.TimestampSigner(salt=SALT).unsign(token, max_age=link_max_age())
    except signing.SignatureExpired as error:
        raise ExpiredToken from error
    except signing.BadSignature as error:
        raise InvalidToken from error
    if not value.isdigit():
        raise InvalidToken
    return int(value)


def survey_url(application) -> str:
    """The absolute, signed survey link for an application (e-mail, detail page and counter QR code)."""
    base = getattr(settings, "PORTAL_BASE_URL", settings.WAGTAILADMIN_BASE_URL).rstrip("/")
    return base + reverse("survey:answer", args=[survey_token(application)])
