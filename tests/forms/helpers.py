import re
import uuid

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from forms.constants import StaffRole
from forms.models import ApplicationFormPage, StaffProfile
from services.models import Kecamatan
from tests.conftest import give_second_factor

from .upload_samples import jpeg_with_exif_bytes, pdf_bytes

# A woman born 12 August 1990 (day 12 + 40), registered in Balikpapan Kota.
VALID_NIK = "6471065208900003"
VALID_KK = "6471060101100007"


def signed_in(user):
    """A test client with this user already signed in (force_login: no password or second-factor step)."""
    client = Client()
    client.force_login(user)
    return client


def lost_card_form():
    return ApplicationFormPage.objects.get(slug="hilang")


def lost_card_post(**overrides):
    kecamatan = Kecamatan.objects.get(name="Balikpapan Kota")
    data = {
        "submission_token": str(uuid.uuid4()),
        "nama_lengkap": "Ani Lestari",
        "nik": "6471 0652 0890 0003",
        "nomor_kk": VALID_KK,
        "nomor_hp": "0812-3456-7890",
        "kecamatan": str(kecamatan.pk),
        "fotocopy_kartu_keluarga": SimpleUploadedFile("kk.pdf", pdf_bytes(), "application/pdf"),
        "surat_keterangan_hilang_dari_kepolisian": SimpleUploadedFile(
            "IMG_2041.jpg", jpeg_with_exif_bytes(), "image/jpeg"
        ),
        "pengambilan_ktp_el": "pickup",
        "pengambilan_ktp_el_alamat": "",
        "pernyataan": "on",  # the declaration; the whole form in one POST needs it as the check page does
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def tracking_from(response):
    return re.search(r"/permohonan/([A-Z]+-\d{4}-[0-9A-Z]+)/tanda-terima/", response["Location"]).group(1)


def make_staff(username, role, kecamatan=None, *, first_name=""):
    """A staff user in one of the office's groups, with their kecamatan and a TOTP second factor."""
    user = get_user_model().objects.create_user(
        username, f"{username}@example.org", "x", is_staff=True, first_name=first_name
    )
    user.groups.add(Group.objects.get(name=role))
    if kecamatan:
        StaffProfile.objects.create(user=user, kecamatan=Kecamatan.objects.get(name=kecamatan))
    give_second_factor(user)
    return user


def office_staff(make=make_staff):
    """One of each role, two operators in different kecamatan; the same names in every test module."""
    return {
        "operator": make("op.kota", StaffRole.OPERATOR, "Balikpapan Kota"),
        "operator_elsewhere": make("op.utara", StaffRole.OPERATOR, "Balikpapan Utara"),
        "verifier": make("verifikator", StaffRole.VERIFIER),
        "section_head": make("kasatker", StaffRole.SECTION_HEAD),
        "siak_admin": make("admin.siak", StaffRole.SIAK_ADMIN),
        "head_of_office": make("kadis", StaffRole.HEAD_OF_OFFICE),
        "editor": make("editor.konten", StaffRole.CONTENT_EDITOR),
    }
