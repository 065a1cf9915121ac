"""Parallel bookings and cancellations of one session, in real parallel transactions on PostgreSQL.

Each race starts its contenders together (a barrier) in their own threads, so each has its own database
connection and transaction. Races run several times to give them a chance to interleave.
"""

import threading

from django.db import connection

import pytest

from tests.schools.factories import MembershipFactory, SchoolFactory
from tests.training.factories import CourseIndexPageFactory, CoursePageFactory, TrainingSessionFactory
from training.booking import SessionFull, book, cancel
from training.models import Booking

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("migrated_data_restored"),
]

ROUNDS = 2


@pytest.fixture(autouse=True)
def _postgresql_only():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: SQLite runs one writer at a time, so nothing races")


def race(*contenders):
    """Run each callable in its own thread and connection, released together; return what each raised, or None."""
    barrier = threading.Barrier(len(contenders))
    raised = [None] * len(contenders)

    def run(index, contender):
        try:
            barrier.wait(timeout=10)
            contender()
        except Exception as error:  # the test inspects whatever was raised
            raised[index] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(contenders)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not any(thread.is_alive() for thread in threads), "a contender is stuck (deadlock?)"
    return raised


@pytest.fixture
def session():
    from home.demo_content import build_site

    catalogue = CourseIndexPageFactory(parent=build_site()["home"])
    return TrainingSessionFactory(course=CoursePageFactory(parent=catalogue), capacity=5)


def people(count):
    school = SchoolFactory()
    return [MembershipFactory(school=school).user for _ in range(count)]


def booking(session, person, waiting_list):
    return lambda: book(session, person, person, waiting_list=waiting_list)


@pytest.mark.parametrize("round_", range(ROUNDS))
def test_eight_people_racing_for_the_last_three_places(session, round_):
    """2 of 5 places taken, 8 book at once choosing the waiting list: 3 get places, 5 wait, in distinct positions."""
    for person in people(2):
        book(session, person, person)
    racers = people(8)

    raised = race(*(booking(session, person, True) for person in racers))

    assert raised == [None] * 8
    bookings = Booking.objects.filter(session=session, person__in=racers)
    assert bookings.filter(status=Booking.Status.CONFIRMED).count() == 3
    waiting = bookings.filter(status=Booking.Status.WAITING)
    assert sorted(waiting.values_list("position", flat=True)) == [1, 2, 3, 4, 5]
    assert Booking.objects.filter(session=session, status=Booking.Status.CONFIRMED).count() == 5


@pytest.mark.parametrize("round_", range(ROUNDS))
def test_racing_without_the_waiting_list_never_overbooks(session, round_):
    """Six people book the last two places without choosing the waiting list: two succeed, four are told it is full."""
    for person in people(3):
        book(session, person, person)
    racers = people(6)

    raised = race(*(booking(session, person, False) for person in racers))

    assert sum(error is None for error in raised) == 2
    assert all(isinstance(error, SessionFull) for error in raised if error is not None)
    assert Booking.objects.filter(session=session, status=Booking.Status.CONFIRMED).count() == 5
    assert not Booking.objects.filter(session=session, status=Booking.Status.WAITING).exists()


@pytest.mark.parametrize("round_", range(ROUNDS))
def test_a_cancellation_racing_a_booking(session, round_):
    """Full with one waiting; a place is cancelled while a newcomer books: the first waiting gets the place."""
    holders = people(5)
    held = [book(session, person, person) for person in holders]
    first_waiting, newcomer = people(2)
    book(session, first_waiting, first_waiting, waiting_list=True)

    raised = race(lambda: cancel(held[0], holders[0]), booking(session, newcomer, True))

    assert raised == [None, None]
    confirmed = Booking.objects.filter(session=session, status=Booking.Status.CONFIRMED)
    assert confirmed.count() == 5
    assert confirmed.filter(person=first_waiting).exists(), "the first person waiting is promoted, not overtaken"
    assert Booking.objects.get(session=session, person=newcomer).status == Booking.Status.WAITING


@pytest.mark.parametrize("round_", range(ROUNDS))
def test_the_same_person_booking_twice_at_once_gets_one_booking(session, round_):
    (person,) = people(1)

    raised = race(booking(session, person, True), booking(session, person, True))

    assert sum(error is None for error in raised) == 1
    assert Booking.objects.filter(session=session, person=person).count() == 1


@pytest.mark.parametrize("round_", range(ROUNDS))
def test_two_cancellations_at_once_promote_two_different_people(session, round_):
    holders = people(5)
    held = [book(session, person, person) for person in holders]
    waiting = people(3)
    for person in waiting:
        book(session, person, person, waiting_list=True)

    raised = race(lambda: cancel(held[0], holders[0]), lambda: cancel(held[1], holders[1]))

    assert raised == [None, None]
    assert Booking.objects.filter(session=session, status=Booking.Status.CONFIRMED).count() == 5
    statuses = dict(Booking.objects.filter(person__in=waiting).values_list("person", "status"))
    assert [statuses[p.pk] for p in waiting] == [Booking.Status.CONFIRMED, Booking.Status.CONFIRMED, "waiting"]
