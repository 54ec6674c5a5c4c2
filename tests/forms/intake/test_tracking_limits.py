"""/lacak/ limits guesses per tracking number across every address, not only per address."""

import pytest
from django.test import Client

from ..helpers import lost_card_form, lost_card_post, signed_in, tracking_from

pytestmark = pytest.mark.django_db
PROXY = "10.0.0.1"  # every request reaches the portal through the office's reverse proxy


@pytest.fixture
def tracking_number(citizen, settings):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    return tracking_from(signed_in(citizen).post(lost_card_form().url, lost_card_post()))


def _look_up(number, nik4, visitor):
    return Client(REMOTE_ADDR=PROXY).post(
        "/lacak/", {"nomor": number, "nik4": nik4}, HTTP_X_FORWARDED_FOR=f"203.0.113.{visitor}"
    )


def test_guessing_the_nik_digits_from_many_addresses_is_stopped_per_tracking_number(tracking_number):
    for visitor, guess in enumerate(range(20)):
        assert _look_up(tracking_number, f"{guess:04d}", visitor).status_code == 200
    # A fresh address with the right digits learns nothing once the number has had its guesses.
    stopped = _look_up(tracking_number, "0003", 100)
    assert stopped.status_code == 429
    assert stopped.context["limited"] == "number" and stopped.context["result"] is None


def test_another_tracking_number_is_not_held_up_by_guesses_at_one(tracking_number):
    for visitor in range(21):
        _look_up(tracking_number, "9999", visitor)
    other = _look_up("KTP-2026-AAAAAAA", "0000", 101)
    assert other.status_code == 200 and other.context["not_found"]
