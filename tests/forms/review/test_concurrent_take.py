"""Officers pressing "Take this case" at the same moment: one gets it, every other is told who has it."""

import threading

import pytest
from django.db import connection
from wagtail.models import ModelLogEntry

from forms.review.holding import CaseHeldByAnother, case_take

from ..dispatch.conftest import counter_application
from ..helpers import make_staff


@pytest.mark.django_db(transaction=True)
def test_ten_officers_taking_one_case_at_once_leave_it_with_exactly_one(seeded):
    if connection.vendor != "postgresql":
        pytest.skip("SQLite serialises all writers, so it cannot show two takes racing")
    officers = [make_staff(f"op.kota.{n}", "Operator", "Balikpapan Kota") for n in range(10)]
    application = counter_application(officers[0])
    barrier = threading.Barrier(len(officers))
    took, refused, failures = [], [], []

    def press_take(officer):
        try:
            barrier.wait()
            case_take(application=application, by=officer)
            took.append(officer.pk)
        except CaseHeldByAnother as error:
            refused.append(" ".join(error.messages))
        except Exception as error:  # anything else is a bug this test must show
            failures.append(repr(error))
        finally:
            connection.close()

    threads = [threading.Thread(target=press_take, args=(officer,)) for officer in officers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert failures == []
    assert (len(took), len(refused)) == (1, 9)
    application.refresh_from_db()
    assert application.holder_id == took[0]
    assert all("memegang kasus ini sejak" in message for message in refused)
    assert ModelLogEntry.objects.filter(action="intake.case_take", object_id=str(application.pk)).count() == 1
