import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from forms.dispatch.selectors import stock_figures
from home.demo_accounts import demo_accounts_ensure
from home.management.commands.load_demo_accounts import Command
from services.models import Kecamatan


def test_demo_accounts_keep_their_generated_passwords_outside_the_repository(seeded, tmp_path):
    path = tmp_path / "demo-logins.txt"
    first = demo_accounts_ensure(path=path)
    second = demo_accounts_ensure(path=path)
    assert first == second
    assert oct(path.stat().st_mode)[-3:] == "600"
    editor = get_user_model().objects.get(username="editor")
    assert editor.check_password(first["editor"]) and editor.groups.filter(name="Editor Konten").exists()
    citizen = get_user_model().objects.get(username="warga")
    assert not citizen.is_staff and citizen.emailaddress_set.get().verified


def test_demo_accounts_refuse_production_settings(seeded, settings):
    settings.SETTINGS_MODULE = "portal.settings.production"
    with pytest.raises(CommandError):
        call_command("load_demo_accounts")


def test_demo_operators_kecamatan_get_one_first_shipment_of_blanks(seeded, tmp_path):
    demo_accounts_ensure(path=tmp_path / "demo-logins.txt")
    Command()._demo_blank_stock()
    Command()._demo_blank_stock()
    for name in ("Balikpapan Kota", "Balikpapan Utara"):
        assert stock_figures(kecamatan_id=Kecamatan.objects.get(name=name).pk).on_hand == 2000
    assert stock_figures(kecamatan_id=Kecamatan.objects.get(name="Balikpapan Timur").pk).received == 0
