"""Citizens booking the same office and day at the same moment: numbers stay unique, gapless and in commit order."""

import datetime
import threading
import time

import pytest
from django.db import connection, transaction
from django.test import Client

from forms.models import Application
from forms.visits.models import VisitBooking, VisitDay, VisitOffice
from forms.visits.selectors import bookable_days
from forms.visits.services import StaleVisitAction, visit_call_next

from .conftest import WITA, at, citizens, ikd_page, ikd_post, office

pytestmark = [
    pytest.mark.postgres_only,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="SQLite serialises all writers, so it cannot show bookings or calls racing for a number",
    ),
]
THREADS = 30


def _book_all_at_once(people, day):
    """Every citizen posts the IKD form in their own thread and connection, released together."""
    url = ikd_page().url
    posts = [ikd_post(day=day) for _ in people]
    barrier = threading.Barrier(len(people))
    outcomes = {}

    def book(index, person):
        client = Client()
        client.force_login(person)
        try:
            barrier.wait()
            response = client.post(url, posts[index])
            outcomes[index] = (response.status_code, response.content.decode())
        finally:
            connection.close()

    threads = [threading.Thread(target=book, args=(i, p)) for i, p in enumerate(people)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes


def _assert_numbers_follow_commit_order(count):
    bookings = list(VisitBooking.objects.order_by("booked_at"))
    # booked_at is read after the day's lock is taken, and the lock is held until commit: its order is commit order.
    assert [b.number for b in bookings] == list(range(1, count + 1))
    assert [b.queue_code for b in bookings] == [f"KTA-{n:03d}" for n in range(1, count + 1)]
    assert all(a.booked_at < b.booked_at for a, b in zip(bookings, bookings[1:], strict=False))
    assert VisitDay.objects.get().last_number == count


def test_thirty_citizens_booking_at_once_get_numbers_one_to_thirty(seeded):
    day = bookable_days()[0]
    outcomes = _book_all_at_once(citizens(THREADS), day)
    assert sorted(status for status, _body in outcomes.values()) == [302] * THREADS
    assert Application.objects.count() == THREADS
    _assert_numbers_follow_commit_order(THREADS)
    assert set(VisitBooking.objects.values_list("date", flat=True)) == {day}


def test_with_twenty_places_exactly_twenty_of_thirty_simultaneous_bookings_succeed(seeded):
    VisitOffice.objects.create(kecamatan=office("Balikpapan Kota"), daily_capacity=20)
    day = bookable_days()[0]
    outcomes = _book_all_at_once(citizens(THREADS), day)
    booked = [i for i, (status, _body) in outcomes.items() if status == 302]
    refused = [body for status, body in outcomes.values() if status == 200]
    assert len(booked) == 20 and len(refused) == 10
    assert all("sudah penuh" in body for body in refused)
    assert Application.objects.count() == 20  # the refused left nothing behind
    _assert_numbers_follow_commit_order(20)


def _backends_waiting_for_a_lock():
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_stat_clear_snapshot()")  # inside a transaction the view is otherwise frozen
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()"
        )
        return cursor.fetchone()[0]


def test_two_counters_calling_at_once_queue_on_the_day_row_and_never_call_the_same_number(seeded, visit_staff):
    kota = office("Balikpapan Kota")
    with at(datetime.datetime(2026, 8, 12, 10, 0, tzinfo=WITA)) as traveller:
        _book_all_at_once(citizens(4), datetime.date(2026, 8, 13))
        traveller.move_to(datetime.datetime(2026, 8, 13, 8, 0, tzinfo=WITA))
        operators = [visit_staff["operator"], visit_staff["operator_two"]]
        outcomes = []

        def call(user, expected):
            try:
                outcomes.append(visit_call_next(kecamatan=kota, by=user, expected_number=expected).number)
            except StaleVisitAction:
                outcomes.append("stale")
            finally:
                connection.close()

        def race(expected):
            outcomes.clear()
            threads = [threading.Thread(target=call, args=(user, expected)) for user in operators]
            # Hold the day's row: both counters must be seen waiting for it, then go one after the other.
            with transaction.atomic():
                VisitDay.objects.select_for_update().get(kecamatan=kota, date=datetime.date(2026, 8, 13))
                for thread in threads:
                    thread.start()
                for _ in range(200):
                    if _backends_waiting_for_a_lock() == 2:
                        break
                    time.sleep(0.05)
                assert _backends_waiting_for_a_lock() == 2, "a call did not wait for the day's lock"
            for thread in threads:
                thread.join()
            return sorted(outcomes, key=str)

        # "Call next" without a number shown: each counter gets its own number.
        assert race(None) == [1, 2]
        # Both press "Call next: KTA-003" at once: one calls it, the other is told it is already called.
        assert race(3) == [3, "stale"]
    called = VisitBooking.objects.filter(status="called").order_by("number")
    assert list(called.values_list("number", flat=True)) == [1, 2, 3]
