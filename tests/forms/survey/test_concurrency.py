"""Two answers racing for one application on PostgreSQL: exactly one row, the other told it was already answered."""

import threading

import pytest
from django.db import connection, connections
from django.test import Client

from forms.constants import ApplicationStatus
from forms.survey.models import SurveyResponse
from forms.survey.tokens import survey_token

from .helpers import answer_post, make_application

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.postgres_only,
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="SQLite serialises every writer, so it cannot show two answers racing past the view's check",
    ),
]


def test_concurrent_answers_leave_one_row(seeded):
    application = make_application(status=ApplicationStatus.HANDED_OVER)
    url = f"/survei-kepuasan/{survey_token(application)}/"
    barrier = threading.Barrier(6)
    statuses = []

    def answer():
        try:
            barrier.wait()
            statuses.append(Client().post(url, answer_post()).status_code)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=answer) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert SurveyResponse.objects.filter(application=application).count() == 1
    assert sorted(statuses) == [302, 409, 409, 409, 409, 409]
