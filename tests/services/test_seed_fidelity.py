"""Every transcribed string in services.seed_content appears in the decree texts it comes from."""

import html
import re
from pathlib import Path

import pytest

from services import seed_content as seed

SOURCES = Path(seed.__file__).parent / "seed_sources"


def _normalise(text: str) -> str:
    text = re.sub(r"<(https?://[^>]+)>", r"\1", text)  # markdown autolinks are text, not tags
    text = html.unescape(re.sub(r"<[^>]+>", " ", text))
    text = text.replace("**", "").replace("*", "")
    text = re.sub(r"\s+", " ", text)
    # Page breaks in the scan split sentences with list markers; the transcription joins them.
    return re.sub(r" - (?=[a-z])", " ", text)


def _source_text() -> str:
    text = " ".join(_normalise(path.read_text()) for path in sorted(SOURCES.glob("*.txt")))
    for wrong, right in seed.SOURCE_CORRECTIONS.items():
        text = text.replace(wrong, right)
    return text


SOURCE = _source_text()


def _strings():
    yield from (value for _, value in seed.COMPLAINT_CHANNELS["channels"])
    for regulation in seed.REGULATIONS:
        yield f"{regulation['designation']} tentang {regulation['title']}"
    for standard in seed.STANDARDS:
        yield standard["product"]
        yield f"{standard['fee_note']} (Rp. {standard['fee_amount']})"
        yield from standard["facilities"]
        yield from standard["competencies"]
        yield standard["supervision_internal"]
        yield standard["supervision_external"]
        yield standard["service_guarantee"]
        yield from standard["safety_guarantees"]
        yield from standard["evaluation"]
        yield from (f"{role} satu orang" for role, _ in standard["staffing"])
        for variant in standard["variants"]:
            yield from variant["requirements"]
            if variant["heading_in_decree"]:
                yield variant["heading_in_decree"]
            for _, steps in variant["procedures"]:
                yield from steps
    for decree in (seed.GUIDELINE_DECREE, seed.SOP_DECREE):
        yield decree["number"]
        yield decree["signatory_name"]
        yield from decree["considerations"]
        yield from decree["legal_bases"]
        if decree["observing"]:
            yield decree["observing"]
        for _, text, items in decree["decisions"]:
            yield text
            yield from items
    guideline = seed.GUIDELINE_DECREE["guideline"]
    for role, holder, duties in guideline["roles"]:
        yield role
        yield holder
        yield from duties
    yield guideline["equipment"]["intro"]
    yield from guideline["equipment"]["items"]
    yield guideline["equipment"]["provided_by"]
    yield from guideline["blank_card_rules"]
    sop = seed.SOP_DECREE["sop"]
    for key in ("legal_basis", "qualifications", "related_sops", "equipment", "warnings", "records"):
        yield from sop[key]
    for _, activity, _, requirement, _, output, _ in seed.SOP_DECREE["activities"]:
        yield from (value for value in (activity, requirement, output) if value)


@pytest.mark.parametrize("text", sorted(set(_strings())))
def test_transcribed_text_appears_in_the_decree(text):
    assert _normalise(text) in SOURCE


def test_every_correction_replaces_a_misspelling_that_the_decree_contains():
    raw = " ".join(path.read_text() for path in SOURCES.glob("*.txt"))
    for wrong in seed.SOURCE_CORRECTIONS:
        assert wrong in raw


def test_a_mistyped_transcription_would_be_caught():
    assert _normalise("Pemohon melakukan verifikasi wajah") in SOURCE
    assert _normalise("Pemohon melakukan verifikasi wajah dua kali") not in SOURCE
