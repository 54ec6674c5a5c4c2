"""Demo staff accounts for a development machine; their passwords never live in the repository."""

import secrets
from dataclasses import dataclass
from pathlib import Path

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction

from forms.models import CitizenProfile, StaffProfile
from services.models import Kecamatan


@dataclass(frozen=True)
class DemoAccount:
    username: str
    full_name: str
    groups: tuple[str, ...]
    is_superuser: bool = False
    kecamatan: str | None = None


DEMO_ACCOUNTS = (
    DemoAccount("admin", "Administrator Portal", (), is_superuser=True),
    DemoAccount("editor", "Editor Konten (demo)", ("Editor Konten",)),
    DemoAccount("kepala.satker", "Kepala Satuan Kerja Pelaksana (demo)", ("Kepala Satuan Kerja Pelaksana",)),
    DemoAccount("operator.kota", "Operator Balikpapan Kota (demo)", ("Operator",), kecamatan="Balikpapan Kota"),
    DemoAccount("operator.utara", "Operator Balikpapan Utara (demo)", ("Operator",), kecamatan="Balikpapan Utara"),
    DemoAccount("verifikator", "Verifikator (demo)", ("Verifikator",)),
    DemoAccount("admin.siak", "Administrator SIAK (demo)", ("Administrator SIAK",)),
    DemoAccount("kadis", "Penanggungjawab (demo)", ("Penanggungjawab",)),
)


# A citizen account, to try applying without waiting for a verification e-mail.
DEMO_CITIZEN = DemoAccount("warga", "Warga Demo", ())


def logins_file() -> Path:
    return Path(settings.BASE_DIR) / "var" / "demo-logins.txt"


def _read_passwords(path: Path) -> dict[str, str]:
    if not path.exists():
        return {}
    passwords = {}
    for line in path.read_text().splitlines():
        username, _, password = line.partition(" ")
        if password:
            passwords[username] = password.strip()
    return passwords


@transaction.atomic
def demo_accounts_ensure(*, path: Path | None = None) -> dict[str, str]:
    """Create or refresh the demo accounts; keep each password once generated, in a git-ignored file."""
    path = path or logins_file()
    passwords = _read_passwords(path)
    user_model = get_user_model()
    for account in DEMO_ACCOUNTS:
        password = passwords.get(account.username) or secrets.token_urlsafe(12)
        passwords[account.username] = password
        first_name, _, last_name = account.full_name.partition(" ")
        user, _ = user_model.objects.get_or_create(
            username=account.username,
            defaults={"email": demo_email(account.username), "first_name": first_name, "last_name": last_name},
        )
        user.is_staff = True
        user.is_superuser = account.is_superuser
        user.is_active = True
        user.set_password(password)
        user.save()
        _verified_email_ensure(user)
        user.groups.set(Group.objects.filter(name__in=account.groups))
        if account.kecamatan:
            _staff_office_set(user, account.kecamatan)
    passwords[DEMO_CITIZEN.username] = passwords.get(DEMO_CITIZEN.username) or secrets.token_urlsafe(12)
    _demo_citizen_ensure(passwords[DEMO_CITIZEN.username])
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(f"{username} {password}\n" for username, password in passwords.items()))
    path.chmod(0o600)
    return {account.username: passwords[account.username] for account in (*DEMO_ACCOUNTS, DEMO_CITIZEN)}


def demo_email(username: str) -> str:
    return f"{username}@demo.invalid"


def _verified_email_ensure(user):
    EmailAddress.objects.update_or_create(user=user, email=user.email, defaults={"verified": True, "primary": True})


def _staff_office_set(user, kecamatan_name):
    StaffProfile.objects.update_or_create(user=user, defaults={"kecamatan": Kecamatan.objects.get(name=kecamatan_name)})


def _demo_citizen_ensure(password: str):
    email = "warga@demo.invalid"
    user, _ = get_user_model().objects.get_or_create(username=DEMO_CITIZEN.username, defaults={"email": email})
    user.email, user.first_name, user.is_staff = email, DEMO_CITIZEN.full_name, False
    user.set_password(password)
    user.save()
    EmailAddress.objects.update_or_create(user=user, email=email, defaults={"verified": True, "primary": True})
    CitizenProfile.objects.update_or_create(
        user=user, defaults={"full_name": DEMO_CITIZEN.full_name, "mobile": "+6281200000000"}
    )
