"""Demo support log: a year and a term of meetings, consultations, training, forums and periods alongside staff.

Records run from the start of the previous academic year to today, for most open demo schools, by
the workers assigned to each school's cluster. A third of the schools had a six-week period of a
worker working alongside two or three of their staff; the demo school's staff member
(staff@example.org) is in one that has just ended, so the after-support questionnaire waits for
them in the portal. Choices come from a generator seeded by the school's URN, and records are
found by their school, type, date and worker, so running it again adds nothing (except records
whose date has since passed).
"""

import random
from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from schools.models import ClusterAssignment, Membership, School
from sws_site.academic_years import academic_year_of
from users.models import User

from .models import SupportRecord

DEMO_LA_CODE = "883"
DEMO_STAFF = "staff@example.org"
SKIP_EVERY = 6  # every 6th school has had no support recorded yet
PERIOD_EVERY = 3  # every 3rd supported school had a worker working alongside its staff
FORUM_MONTHS = (10, 1, 4, 6)  # the Safeguarding Leads Forum meets each term, at the cluster's secondary school
NOTES = {
    SupportRecord.Kind.ACTION_PLANNING: "Went through the self-assessment with the lead and agreed the first actions.",
    SupportRecord.Kind.TRAINING: "Delivered a twilight session on anxiety to teaching and support staff.",
    SupportRecord.Kind.CONSULTATION: "Consultation with the pastoral team about a pupil; agreed a referral route.",
    SupportRecord.Kind.FORUM: "Safeguarding Leads Forum: shared practice on transition and exam stress.",
    SupportRecord.Kind.WORKING_ALONGSIDE: "Worked alongside staff in class and at break, modelling calm-down plans.",
}


def _weekday(day):
    """Support happens Monday to Friday."""
    while day.weekday() >= 5:
        day += timedelta(days=1)
    return day


def _workers():
    """Each cluster's assigned workers, first by email."""
    workers = {}
    for assignment in ClusterAssignment.objects.select_related("worker").order_by("worker__email"):
        workers.setdefault(assignment.cluster_id, []).append(assignment.worker)
    return workers


def _record(school, kind, day, worker, today, **extra):
    """The record of this support, made once; None if its day has not come yet."""
    if day > today:
        return None
    record, _ = SupportRecord.objects.get_or_create(
        school=school, kind=kind, date=day, worker=worker,
        defaults={"notes": NOTES[kind], "created_by": worker, **extra},
    )
    return record


def _staff_for(school, count):
    """`count` staff of the school to work alongside: its own members first, then made-up demo staff."""
    people = list(
        User.objects.filter(memberships__school=school, memberships__role=Membership.Role.STAFF).order_by("email")
    )
    number = 1
    while len(people) < count:
        user, created = User.objects.get_or_create(
            email=f"staff{number}.{school.urn}@example.org",
            defaults={"first_name": ["Ash", "Bo", "Cal", "Dee"][number % 4], "last_name": f"Teacher {school.urn}"},
        )
        if created:
            user.set_unusable_password()
            user.save()
        Membership.objects.get_or_create(user=user, school=school, defaults={"role": Membership.Role.STAFF})
        if user not in people:
            people.append(user)
        number += 1
    return people[:count]


def _school_support(school, worker, start, today, rng):
    """A school's meetings, consultations and training over the two academic years from `start`."""
    for year in range(2):
        year_start = date(start.year + year, 9, 1)
        _record(school, SupportRecord.Kind.ACTION_PLANNING,
                _weekday(year_start + timedelta(days=rng.randint(20, 70))), worker, today)
        if rng.random() < 0.6:
            _record(school, SupportRecord.Kind.ACTION_PLANNING,
                    _weekday(year_start + timedelta(days=rng.randint(150, 250))), worker, today)
        for _ in range(rng.randint(0, 3)):
            _record(school, SupportRecord.Kind.CONSULTATION,
                    _weekday(year_start + timedelta(days=rng.randint(10, 320))), worker, today)
        if rng.random() < 0.4:
            _record(school, SupportRecord.Kind.TRAINING,
                    _weekday(year_start + timedelta(days=rng.randint(30, 300))), worker, today)


def _period(school, worker, start, today, rng, staff=None, ends=None):
    """Six weeks of working alongside two or three of the school's staff."""
    first = _weekday(start + timedelta(days=rng.randint(40, 440)))
    last = ends or first + timedelta(weeks=6)
    if ends is not None:
        first = _weekday(last - timedelta(weeks=6))
    record = _record(school, SupportRecord.Kind.WORKING_ALONGSIDE, first, worker, today, ends_on=last)
    if record is not None and not record.staff.exists():
        record.staff.set(staff or _staff_for(school, rng.randint(2, 3)))
    return record


@transaction.atomic
def build_demo(today=None):
    """Create the demo support log; returns how many records there are."""
    today = today or timezone.localdate()
    start = date(academic_year_of(today) - 1, 9, 1)
    workers = _workers()
    schools = School.objects.filter(la_code=DEMO_LA_CODE, status=School.Status.OPEN, cluster__isnull=False)
    demo_staff = Membership.objects.filter(user__email=DEMO_STAFF).select_related("user", "school").first()
    supported = 0
    for index, school in enumerate(schools.order_by("urn")):
        cluster_workers = workers.get(school.cluster_id)
        if not cluster_workers or index % SKIP_EVERY == SKIP_EVERY - 1:
            continue
        rng = random.Random(f"support-{school.urn}")  # noqa: S311 (demo data, not security)
        worker = cluster_workers[index % len(cluster_workers)]
        _school_support(school, worker, start, today, rng)
        if demo_staff and school == demo_staff.school:
            if not SupportRecord.objects.periods().filter(staff=demo_staff.user).exists():
                _period(
                    school, worker, start, today, rng, staff=[demo_staff.user], ends=today - timedelta(days=3)
                )
        elif supported % PERIOD_EVERY == 0:
            _period(school, worker, start, today, rng)
        supported += 1
    for cluster_id, cluster_workers in workers.items():
        hub = School.objects.filter(hub_of_cluster__pk=cluster_id).first()
        for year in range(2):
            for month in FORUM_MONTHS:
                day = _weekday(date(start.year + year + (month < 9), month, 12))
                if hub is not None:
                    _record(hub, SupportRecord.Kind.FORUM, day, cluster_workers[0], today)
    return SupportRecord.objects.count()
