"""Two requests carrying the same submission token at the same moment make one application."""

import threading

import pytest
from django.db import connection
from django.test import Client

from forms.models import Application, ApplicationDocument

from .conftest import make_citizen
from .helpers import lost_card_form, lost_card_post


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
