"""The standard page opens as a start page: per case what to bring, the time, the fee and one way in, first."""

import html
import re

import pytest

pytestmark = pytest.mark.django_db


def _start(client, path):
    body = client.get(path).content.decode()
    start = re.search(r'<div class="start no-print">(.*?)\n</div>', body, re.S).group(1)
    cases = re.findall(r'<section class="start-case"[^>]*>(.*?)</section>', start, re.S)
    return body, [re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", case))) for case in cases]


def test_the_start_comes_before_the_components_with_the_online_cases_first(client, seeded):
    body, cases = _start(client, "/layanan/cetak-ktp-el/")
    assert body.index('class="start no-print"') < body.index('id="persyaratan"') < body.index('id="evaluasi"')
    names = [case.split(" Yang perlu disiapkan")[0].strip() for case in cases]
    assert names == [
        "Pergantian KTP Elektronik karena Hilang",
        "Pergantian KTP Elektronik karena Rusak",
        "Pergantian KTP Elektronik karena Perubahan Data",
        "KTP Elektronik Baru",
    ]
    lost = cases[0]
    assert "Fotocopy Kartu Keluarga" in lost and "Surat Keterangan hilang dari Kepolisian" in lost
    assert "Jangka Waktu Pelayanan: 1 hari kerja" in lost and "Biaya: Tanpa dipungut biaya (Rp. 0)" in lost
    assert "Ajukan permohonan : Pergantian KTP Elektronik karena Hilang" in lost
    # A new card is made at the counter only: no form, the kecamatan instead, and a link to how it is done there.
    assert "Ajukan permohonan" not in cases[3] and "Datang ke kantor kecamatan" in cases[3]
    assert 'href="#prosedur-baru"' in body and 'id="prosedur-baru"' in body


def test_an_ikd_visit_is_booked_from_the_start(client, seeded):
    _body, [ikd] = _start(client, "/layanan/pendaftaran-ikd/")
    assert "Pesan kunjungan" in ikd and "Memiliki KTP Elektronik" in ikd
