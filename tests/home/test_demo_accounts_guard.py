"""The demo accounts and their known passwords exist only where DEBUG says this is a development machine."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from home import demo_accounts

pytestmark = pytest.mark.django_db


def test_load_demo_accounts_refuses_without_debug_whatever_the_settings_module_is_called(seeded, settings):
    settings.DEBUG = False
    settings.SETTINGS_MODULE = "portal.settings.staging"
    with pytest.raises(CommandError):
        call_command("load_demo_accounts")
    assert not get_user_model().objects.filter(username__in=[a.username for a in demo_accounts.DEMO_ACCOUNTS]).exists()


def test_load_demo_accounts_runs_on_a_development_machine(seeded, settings, tmp_path, monkeypatch):
    settings.DEBUG = True
    monkeypatch.setattr(demo_accounts, "logins_file", lambda: tmp_path / "demo-logins.txt")
    call_command("load_demo_accounts", stdout=io.StringIO())
    assert get_user_model().objects.filter(username="operator.kota").exists()
