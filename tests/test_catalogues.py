"""Every committed .mo says what its .po says: a merge can keep one side's binary while the .po has both sides,
and compilemessages then skips the .mo as newer, so the screens fall back to English without a failing test."""

import gettext
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CATALOGUES = sorted(
    path
    for folder in ("locale", "portal", "home", "services", "forms")
    for path in (ROOT / folder).rglob("LC_MESSAGES/*.po")
)


def _entries(mo: Path) -> dict:
    with mo.open("rb") as handle:
        catalogue = gettext.GNUTranslations(handle)._catalog
    return {key: value for key, value in catalogue.items() if key != ""}  # "" is the header, dated by each compile


def test_the_project_has_catalogues():
    assert len(CATALOGUES) >= 10


MSGFMT = shutil.which("msgfmt")


@pytest.mark.skipif(MSGFMT is None, reason="needs GNU gettext's msgfmt, as compilemessages does")
@pytest.mark.parametrize("po", CATALOGUES, ids=lambda path: str(path.relative_to(ROOT)))
def test_each_compiled_catalogue_matches_its_source(po, tmp_path):
    compiled = tmp_path / "fresh.mo"
    subprocess.run([MSGFMT, "-o", str(compiled), str(po)], check=True)
    committed = po.with_suffix(".mo")
    assert committed.exists(), f"{committed} is missing: run compilemessages"
    fresh, kept = _entries(compiled), _entries(committed)
    stale = sorted(
        str(key) for key in fresh.keys() - kept.keys() | {k for k in fresh.keys() & kept.keys() if fresh[k] != kept[k]}
    )
    assert not stale, f"{committed} is out of date for {len(stale)} entries, e.g. {stale[:3]}: run compilemessages"
