import time

import pytest
from allauth.mfa import app_settings
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, generate_totp_secret, hotp_value
from django.core.cache import cache
from django.core.management import call_command

from forms.intake.seeding import application_forms_ensure
from forms.office.roles import staff_roles_ensure
from services.editorial import approval_workflow_ensure, editorial_groups_ensure
from services.seeding import seed_content_load


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Seed the published content once per test database; tests roll back around it."""
    with django_db_blocker.unblock():
        call_command("load_seed_content", verbosity=0)


@pytest.fixture
def seeded(db):
    """The seed content, re-created if a transactional (browser) test flushed the database."""
    home = seed_content_load()
    _editors, approvers = editorial_groups_ensure(home)
    approval_workflow_ensure(home, approvers)
    application_forms_ensure()
    staff_roles_ensure()
    return home


@pytest.fixture(autouse=True)
def _empty_cache():
    """Rate-limit counters live in the cache; each test starts with none left over from another."""
    cache.clear()
    yield
    cache.clear()


def give_second_factor(user):
    """Activate a TOTP authenticator, as a staff member does on first login; returns the secret."""
    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    return secret


def current_totp_code(secret, margin_seconds=5):
    """The code an authenticator app shows now, taken far enough from the period's end to still
    be valid when the server checks it (allauth accepts only the current period by default)."""
    left = app_settings.TOTP_PERIOD - time.time() % app_settings.TOTP_PERIOD
    if left < margin_seconds:
        time.sleep(left + 0.05)
    counter = int(time.time()) // app_settings.TOTP_PERIOD
    return format_hotp_value(hotp_value(secret, counter))
