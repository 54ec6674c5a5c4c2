"""Two requests carrying the same submission token at the same moment make one application."""

import threading

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import connection
from django.test import Client

from forms.constants import StaffRole
from forms.models import Application, ApplicationDocument, StaffProfile
from forms.review.transitions import StaleTransition, application_transition
from services.models import Kecamatan

from ..conftest import make_citizen
from ..helpers import lost_card_form, lost_card_post


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_simultaneous_double_submit_creates_one_application(seeded):
    if connection.vendor != "postgresql":
        pytest.skip("SQLite serialises all writers, so it cannot show two submits racing")
    citizen = make_citizen("kembar@example.org")
    url = lost_card_form().url
    token = lost_card_post()["submission_token"]
    barrier = threading.Barrier(2)
    statuses = []

    def submit():
        client = Client()
        client.force_login(citizen)
        data = lost_card_post(submission_token=token)
        barrier.wait()
        statuses.append(client.post(url, data).status_code)
        connection.close()

    threads = [threading.Thread(target=submit) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert statuses == [302, 302]
    assert Application.objects.count() == 1
    assert ApplicationDocument.objects.count() == 2


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_two_staff_acting_at_once_leave_exactly_one_transition(seeded):
    if connection.vendor != "postgresql":
        pytest.skip("SQLite serialises all writers, so it cannot show two staff racing")

    citizen = make_citizen("antri@example.org")
    client = Client()
    client.force_login(citizen)
    client.post(lost_card_form().url, lost_card_post())
    application = Application.objects.get()
    operators = []
    for name in ("op.a", "op.b"):
        user = get_user_model().objects.create_user(name, f"{name}@example.org", "x", is_staff=True)
        user.groups.add(Group.objects.get(name=StaffRole.OPERATOR))
        StaffProfile.objects.create(user=user, kecamatan=Kecamatan.objects.get(name="Balikpapan Kota"))
        operators.append(user)
    barrier = threading.Barrier(2)
    outcomes = []

    def act(user, action, kwargs):
        barrier.wait()
        try:
            application_transition(
                application=application, action=action, by=user, expected_status="submitted", **kwargs
            )
            outcomes.append("done")
        except StaleTransition:
            outcomes.append("stale")
        finally:
            connection.close()

    threads = [
        threading.Thread(target=act, args=(operators[0], "accept", {})),
        threading.Thread(target=act, args=(operators[1], "return", {"reasons": [("nik", "NIK tidak sesuai.")]})),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["done", "stale"]
    application.refresh_from_db()
    assert application.history.count() == 2  # submitted, then exactly one staff step
