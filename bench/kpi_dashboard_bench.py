"""Time the KPI dashboard on a national-scale synthetic data set in PostgreSQL.

    DATABASE_URL=postgres://USER@HOST:5432/postgres .venv/bin/python bench/kpi_dashboard_bench.py \
        [--schools 24000] [--runs 5] [--seed 1] [--propose-indexes] [--explain] [--keep]

DATABASE_URL only says which PostgreSQL server to use: the benchmark creates its own database
(sws_bench_kpis) on it, migrates it, fills it with invented schools, staff, bookings, questionnaire
answers, support records, self-assessments, action plans and awards, times the dashboard's figures,
and drops the database at the end (unless --keep). See bench/README.md.

`build(schools=…)` is the data set's builder, also used at small scale by
tests/reports/test_bench_builder.py, which checks the dashboard's figures on it against counts made
in Python.
"""

import argparse
import os
import random
import statistics
import sys
import time
import warnings
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

REPO = Path(__file__).resolve().parent.parent
BENCH_DATABASE = "sws_bench_kpis"
NATIONAL = 24_000
PILOT_START = datetime(2025, 9, 1, tzinfo=UTC)
FLUSH_ROWS = 50_000
PHASES = ["Primary"] * 70 + ["Secondary"] * 16 + ["Nursery"] * 3 + ["All-through"] * 3 + ["16 plus"] * 2 + [
    "Not applicable"
] * 6

# PROPOSALS, not migrations: indexes to try by hand in the bench database before proposing them for the
# owning app's models. Empty now: the two this benchmark found (training_booking_attended and
# questionnaire_pairs_by_date) are in training/ and questionnaires/ migrations; see bench/README.md.
PROPOSED_INDEXES = {}


# ---------------------------------------------------------------------------------------------
# The data set
# ---------------------------------------------------------------------------------------------


class _Writer:
    """Writes rows with explicit ids: COPY on PostgreSQL, executemany elsewhere (small test sets)."""

    def __init__(self):
        from django.db import connection

        self.connection = connection
        self.postgres = connection.vendor == "postgresql"
        self.counts = Counter()
        self._next = {}
        self._buffers = defaultdict(list)
        self._columns = {}

    def next_id(self, model):
        """A new primary key for `model`, after every row already in the table."""
        if model not in self._next:
            from django.db.models import Max

            self._next[model] = (model.objects.aggregate(top=Max("pk"))["top"] or 0) + 1
        value = self._next[model]
        self._next[model] += 1
        return value

    def add(self, model, columns, row):
        """Queue one row (values in the order of `columns`), writing the queue when it is long."""
        known = self._columns.setdefault(model, tuple(columns))
        if known != tuple(columns):
            raise ValueError(f"{model.__name__}: rows with different columns")
        buffer = self._buffers[model]
        buffer.append(row)
        if len(buffer) >= FLUSH_ROWS:
            self._write(model)

    def flush(self):
        """Write every queued row, parents before children, and move the id sequences past them."""
        for model in list(self._buffers):
            self._write(model)
        if self.postgres and self.counts:
            from django.core.management.color import no_style

            with self.connection.cursor() as cursor:
                for statement in self.connection.ops.sequence_reset_sql(no_style(), list(self._columns)):
                    cursor.execute(statement)

    def _write(self, model):
        rows, self._buffers[model] = self._buffers[model], []
        if not rows:
            return
        columns = self._columns[model]
        defaults = _defaults(model, columns)
        names = [*columns, *defaults]
        extra = tuple(defaults.values())
        table = self.connection.ops.quote_name(model._meta.db_table)
        quoted = ", ".join(self.connection.ops.quote_name(name) for name in names)
        with self.connection.cursor() as cursor:
            if self.postgres:
                with cursor.cursor.copy(f"COPY {table} ({quoted}) FROM STDIN") as copy:
                    for row in rows:
                        copy.write_row(row + extra)
            else:
                fields = [model._meta.get_field(name) for name in _field_names(model, names)]
                prepared = [
                    [f.get_db_prep_value(value, self.connection) for f, value in zip(fields, row + extra, strict=True)]
                    for row in rows
                ]
                marks = ", ".join(["%s"] * len(names))
                cursor.executemany(f"INSERT INTO {table} ({quoted}) VALUES ({marks})", prepared)  # noqa: S608 (our names)
        self.counts[model] += len(rows)


def _field_names(model, attnames):
    by_attname = {f.attname: f.name for f in model._meta.concrete_fields}
    return [by_attname[name] for name in attnames]


def _defaults(model, columns):
    """Values for the columns the builder leaves out: the field's default, NULL or an empty string."""
    from django.db import models

    defaults = {}
    for f in model._meta.concrete_fields:
        if f.attname in columns:
            continue
        if f.has_default() and not f.unique:
            defaults[f.attname] = f.get_default()
        elif f.null:
            defaults[f.attname] = None
        elif isinstance(f, (models.CharField, models.TextField)) and not f.unique:
            defaults[f.attname] = ""
        else:
            raise ValueError(f"The builder must give {model.__name__}.{f.name} a value")
    return defaults


@dataclass
class _School:
    id: int
    open: bool
    staff: list = field(default_factory=list)


class Builder:
    """Invents a borough (or a country) of schools and everything the KPIs count, deterministically."""

    def __init__(self, schools, seed=1, now=None):
        from django.utils import timezone

        self.size = schools
        self.rng = random.Random(seed)
        self.now = now or timezone.now()
        self.days = max((self.now - PILOT_START).days, 1)
        self.out = _Writer()
        self.schools = []

    def build(self):
        """Every table, in one transaction: rows are written in batches, children sometimes before parents."""
        from django.db import transaction

        with transaction.atomic():
            self._schools()
            self._people()
            sessions = self._sessions()
            self._bookings_and_answers(sessions)
            self._support()
            self._assessments()
            plans = self._action_plans()
            self._awards(plans)
            self.out.flush()
        return {model._meta.label: count for model, count in sorted(self.out.counts.items(), key=str)}

    # Helpers --------------------------------------------------------------------------------

    def _moment(self, start=PILOT_START, end=None):
        """A random moment between two others (by default the pilot's start and now)."""
        end = end or self.now
        span = max(int((end - start).total_seconds()), 1)
        return start + timedelta(seconds=self.rng.randrange(span))

    def _after(self, moment, low_days, high_days):
        """A moment some days after another, or None if that is still in the future."""
        later = moment + timedelta(days=self.rng.randint(low_days, high_days), minutes=self.rng.randrange(600))
        return later if later <= self.now else None

    def _user(self, first_name, last_name):
        from users.models import User

        pk = self.out.next_id(User)
        columns = ("id", "email", "password", "first_name", "last_name", "date_joined")
        self.out.add(User, columns, (pk, f"bench{pk}@example.org", "!", first_name, last_name, PILOT_START))
        return pk

    # Schools and people ---------------------------------------------------------------------

    def _schools(self):
        from schools.models import Cluster, Locality, School

        localities = [self.out.next_id(Locality) for _ in range(max(2, round(self.size / 160)))]
        for pk in localities:
            self.out.add(Locality, ("id", "name"), (pk, f"Locality {pk}"))
        clusters = []
        for index in range(max(3, self.size // 16)):
            pk = self.out.next_id(Cluster)
            clusters.append(pk)
            locality = localities[index % len(localities)]
            self.out.add(Cluster, ("id", "name", "locality_id"), (pk, f"Cluster {pk}", locality))
        columns = ("id", "urn", "name", "status", "phase", "cluster_id", "number_of_pupils")
        for _ in range(self.size):
            pk = self.out.next_id(School)
            status = School.Status.OPEN if self.rng.random() < 0.95 else School.Status.CLOSED
            cluster = self.rng.choice(clusters) if self.rng.random() < 0.99 else None
            row = (pk, 500_000 + pk, f"Bench School {pk}", status, self.rng.choice(PHASES), cluster,
                   self.rng.randint(40, 1800))
            self.out.add(School, columns, row)
            self.schools.append(_School(pk, status in School.OPEN_STATUSES))

    def _people(self):
        """About 8 staff a school; nearly every open school has named its Mental Health Lead."""
        from schools.models import Membership

        columns = ("id", "user_id", "school_id", "role", "created_at")
        self.workers = [self._user("Worker", str(n)) for n in range(max(2, self.size // 160))]
        for school in self.schools:
            for index in range(self.rng.randint(6, 11)):
                person = self._user("Staff", str(index))
                school.staff.append(person)
                lead = index == 0 and (school.open or self.rng.random() < 0.5) and self.rng.random() < 0.97
                role = Membership.Role.MENTAL_HEALTH_LEAD if lead else Membership.Role.STAFF
                self.out.add(Membership, columns, (self.out.next_id(Membership), person, school.id, role, PILOT_START))

    # Training and questionnaires ------------------------------------------------------------

    def _courses(self):
        from wagtail.models import Page

        from training.models import CourseIndexPage, CoursePage

        courses = list(CoursePage.objects.order_by("pk").values_list("pk", flat=True)[:3])
        if courses:
            return courses
        index = CourseIndexPage.objects.first()
        if index is None:
            index = Page.get_first_root_node().add_child(
                instance=CourseIndexPage(title="Bench courses", slug=f"bench-courses-{self.rng.randrange(10**6)}")
            )
        for number in range(3):
            course = CoursePage(title=f"Bench course {number}", slug=f"bench-course-{number}", length="1 day",
                                duration_hours=6)
            index.add_child(instance=course)
            courses.append(course.pk)
        return courses

    def _sessions(self):
        """About one session per 12 schools over the pilot so far and the months ahead; a few cancelled."""
        from training.models import TrainingSession

        courses = self._courses()
        columns = ("id", "course_id", "starts_at", "ends_at", "venue", "capacity", "trainer", "booking_deadline",
                   "cancelled", "created_at")
        sessions = []
        for _ in range(max(6, self.size // 12)):
            pk = self.out.next_id(TrainingSession)
            starts = self._moment(PILOT_START, self.now + timedelta(days=240)).replace(minute=0, second=0)
            ends = starts + timedelta(hours=3)
            cancelled = self.rng.random() < 0.02
            row = (pk, self.rng.choice(courses), starts, ends, "Town hall", 1000, "A trainer",
                   starts - timedelta(days=2), cancelled, starts - timedelta(days=60))
            self.out.add(TrainingSession, columns, row)
            sessions.append((pk, starts, ends))
        return sessions

    def _bookings_and_answers(self, sessions):
        """About 42 bookings a school, with pre answers at booking and post answers after attending."""
        from questionnaires.models import Kind
        from training.models import Booking

        columns = ("id", "session_id", "person_id", "school_id", "status", "position", "created_at", "attended")
        waiting = Counter()
        for school in self.schools:
            for person in school.staff:
                for index in self.rng.sample(range(len(sessions)), min(self.rng.randint(0, 10), len(sessions))):
                    session, starts, ends = sessions[index]
                    pk = self.out.next_id(Booking)
                    created = starts - timedelta(days=self.rng.randint(3, 60))
                    draw = self.rng.random()
                    status = Booking.Status.CONFIRMED if draw < 0.88 else (
                        Booking.Status.WAITING if draw < 0.93 else Booking.Status.CANCELLED)
                    position = None
                    if status == Booking.Status.WAITING:
                        waiting[session] += 1
                        position = waiting[session]
                    attended = None
                    if status == Booking.Status.CONFIRMED and ends < self.now:
                        draw = self.rng.random()
                        attended = True if draw < 0.85 else (False if draw < 0.95 else None)
                    row = (pk, session, person, school.id, status, position, created, attended)
                    self.out.add(Booking, columns, row)
                    if status != Booking.Status.CONFIRMED:
                        continue
                    pre = None
                    if self.rng.random() < 0.7:
                        pre = self._answer(person, school.id, Kind.PRE_TRAINING, created + timedelta(hours=1),
                                           booking=pk)
                    if attended and self.rng.random() < (0.9 if pre else 0.15):
                        submitted = min(ends + timedelta(days=self.rng.randint(1, 10)), self.now)
                        self._answer(person, school.id, Kind.POST_TRAINING, submitted, booking=pk, pre=pre)

    def _answer(self, person, school, kind, submitted_at, booking=None, period=None, pre=None):
        """One questionnaire answer; a post answer rates about a point higher than its pre answer."""
        from questionnaires.models import QuestionnaireResponse

        pk = self.out.next_id(QuestionnaireResponse)
        if pre is None:
            ratings = [self.rng.randint(1, 4) for _ in range(4)]
        else:
            ratings = [min(5, max(1, rating + self.rng.choice((-1, 0, 1, 1, 2)))) for rating in pre[1]]
        columns = ("id", "respondent_id", "school_id", "kind", "booking_id", "support_period_id", "confidence",
                   "knowledge", "thrive_understanding", "thrive_access", "submitted_at", "pre_id")
        row = (pk, person, school, kind, booking, period, *ratings, submitted_at, pre[0] if pre else None)
        self.out.add(QuestionnaireResponse, columns, row)
        return pk, ratings

    # Support log ----------------------------------------------------------------------------

    def _support(self):
        """About six records a school, and a period of working alongside staff for half of them."""
        from questionnaires.models import Kind
        from support.models import SupportRecord

        kinds = [SupportRecord.Kind.ACTION_PLANNING] * 2 + [SupportRecord.Kind.CONSULTATION] * 2 + [
            SupportRecord.Kind.TRAINING, SupportRecord.Kind.FORUM]
        columns = ("id", "school_id", "worker_id", "kind", "date", "ends_on", "notes", "created_at", "updated_at")
        for school in self.schools:
            worker = self.rng.choice(self.workers)
            for _ in range(self.rng.randint(2, 8)):
                moment = self._moment()
                row = (self.out.next_id(SupportRecord), school.id, worker, self.rng.choice(kinds), moment.date(), None,
                       "", moment, moment)
                self.out.add(SupportRecord, columns, row)
            if self.rng.random() < 0.5:
                moment = self._moment()
                ended = self._after(moment, 30, 90)
                pk = self.out.next_id(SupportRecord)
                row = (pk, school.id, worker, SupportRecord.Kind.WORKING_ALONGSIDE, moment.date(),
                       ended.date() if ended else None, "", moment, moment)
                self.out.add(SupportRecord, columns, row)
                for person in self.rng.sample(school.staff, 2):
                    pre = self._answer(person, school.id, Kind.BEFORE_SUPPORT, moment, period=pk)
                    if ended and self.rng.random() < 0.8:
                        self._answer(person, school.id, Kind.AFTER_SUPPORT, ended, period=pk, pre=pre)

    # Self-assessments -----------------------------------------------------------------------

    def _assessments(self):
        """A baseline for most schools, an end-of-pilot round for about half, a review in progress for a few."""
        from assessments.models import Assessment, FrameworkVersion, Round

        framework = FrameworkVersion.objects.order_by("number").first()
        statements = list(framework.statements.order_by("pk").values_list("pk", flat=True))
        columns = ("id", "school_id", "round", "framework_id", "status", "started_at", "submitted_at",
                   "report_sent_at")
        for school in self.schools:
            if self.rng.random() >= 0.8:
                continue
            level = self.rng.uniform(1.3, 3.2)
            started = self._moment(PILOT_START, PILOT_START + timedelta(days=self.days // 2))
            submitted = self._after(started, 1, 30)
            rounds = [(Round.BASELINE, started, submitted, level)]
            if submitted and self.rng.random() < 0.55:
                start_end = self._after(submitted, 60, 300)
                if start_end:
                    rounds.append((Round.END_OF_PILOT, start_end, self._after(start_end, 1, 20),
                                   level + self.rng.uniform(-0.2, 0.8)))
            elif submitted and self.rng.random() < 0.08:
                rounds.append((Round.REVIEW, self.now - timedelta(days=3), None, level))
            for round_, started_at, submitted_at, mean in rounds:
                pk = self.out.next_id(Assessment)
                status = Assessment.Status.SUBMITTED if submitted_at else Assessment.Status.IN_PROGRESS
                sent = self._after(submitted_at, 1, 20) if submitted_at and self.rng.random() < 0.75 else None
                self.out.add(Assessment, columns, (pk, school.id, round_, framework.pk, status, started_at,
                                                   submitted_at, sent))
                self._responses(pk, statements, mean, started_at, complete=bool(submitted_at))

    def _responses(self, assessment, statements, mean, when, complete):
        from assessments.models import Response

        columns = ("id", "assessment_id", "statement_id", "rating", "note", "updated_at")
        for statement in statements:
            rating = min(4, max(1, round(self.rng.gauss(mean, 0.7))))
            if not complete and self.rng.random() < 0.5:
                rating = None
            self.out.add(Response, columns, (self.out.next_id(Response), assessment, statement, rating, "", when))

    # Action plans and the award -------------------------------------------------------------

    def _action_plans(self):
        """Plans for about 60% of schools, most approved a few weeks after they were started."""
        from workflows.models import ActionPlan

        columns = ("id", "school_id", "created_at", "live", "first_published_at", "last_published_at")
        approved = {}
        for school in self.schools:
            if self.rng.random() >= 0.6:
                continue
            created = self._moment()
            published = self._after(created, 10, 60) if self.rng.random() < 0.75 else None
            row = (self.out.next_id(ActionPlan), school.id, created, published is not None, published, published)
            self.out.add(ActionPlan, columns, row)
            if published:
                approved[school.id] = published
        return approved

    def _awards(self, approved_plans):
        """Bronze, silver and gold submissions and awards, each stage building on the one before."""
        from awards.models import AWARD_LIFETIME, Award, AwardSubmission, CriteriaVersion, Stage

        criteria = CriteriaVersion.objects.order_by("number").values_list("pk", flat=True).first()
        submission_columns = ("id", "school_id", "stage", "criteria_version_id", "created_at", "live")
        award_columns = ("id", "school_id", "stage", "awarded_at", "expires_at", "code", "revoked_at", "submission_id")
        for school, since in approved_plans.items():
            for stage in Stage:
                if self.rng.random() >= 0.6:
                    break
                started = self._after(since, 5, 90)
                if started is None:
                    break
                submission = self.out.next_id(AwardSubmission)
                awarded = self._after(started, 20, 120) if self.rng.random() < 0.6 else None
                self.out.add(AwardSubmission, submission_columns,
                             (submission, school, stage, criteria, started, awarded is not None))
                if awarded is None:
                    break
                pk = self.out.next_id(Award)
                revoked = awarded + timedelta(days=30) if self.rng.random() < 0.02 else None
                self.out.add(Award, award_columns, (pk, school, stage, awarded, awarded + AWARD_LIFETIME,
                                                    f"bench-{pk}", revoked, submission))
                since = awarded


def build(schools=50, seed=1, now=None):
    """Add an invented set of `schools` and everything the KPIs count; returns rows written per model."""
    return Builder(schools, seed=seed, now=now).build()


# ---------------------------------------------------------------------------------------------
# The benchmark
# ---------------------------------------------------------------------------------------------


def main():
    """Create the bench database, fill it, time the dashboard and drop the database."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--schools", type=int, default=NATIONAL, help=f"schools (default {NATIONAL:,})")
    parser.add_argument("--runs", type=int, default=5, help="timed runs of each measurement (default 5)")
    parser.add_argument("--seed", type=int, default=1, help="random seed, so runs are comparable (default 1)")
    parser.add_argument("--propose-indexes", action="store_true",
                        help="also time with the proposed indexes, created by hand in the bench database")
    parser.add_argument("--explain", action="store_true", help="print EXPLAIN ANALYZE of the slowest queries")
    parser.add_argument("--keep", action="store_true", help=f"keep the {BENCH_DATABASE} database afterwards")
    options = parser.parse_args()

    server = os.environ.get("DATABASE_URL", "")
    if not server.startswith(("postgres://", "postgresql://")):
        sys.exit("The KPI dashboard benchmark needs PostgreSQL: set DATABASE_URL=postgres://USER@HOST:PORT/DBNAME "
                 f"(any database on the server; the benchmark creates and drops its own, {BENCH_DATABASE}).")
    _recreate_database(server, drop_only=False)
    try:
        _setup_django(server)
        _run(options)
    finally:
        from django.db import connections

        connections.close_all()
        if not options.keep:
            _recreate_database(server, drop_only=True)


def _with_database(url, name):
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=f"/{name}"))


def _recreate_database(server, drop_only):
    """Drop the bench database if it exists and (unless `drop_only`) create it empty."""
    import psycopg

    with psycopg.connect(_with_database(server, "postgres"), autocommit=True) as connection:
        connection.execute(f"DROP DATABASE IF EXISTS {BENCH_DATABASE} WITH (FORCE)")
        if not drop_only:
            connection.execute(f"CREATE DATABASE {BENCH_DATABASE}")


def _setup_django(server):
    """Point Django at the bench database and migrate it."""
    sys.path.insert(0, str(REPO))
    os.environ["DATABASE_URL"] = _with_database(server, BENCH_DATABASE)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sws_site.settings.dev")
    # Timings as in production: with DEBUG on, Django keeps the SQL of every query in memory.
    os.environ.setdefault("DEBUG", "false")

    import django
    from django.core.management import call_command
    from django.test.utils import setup_test_environment

    django.setup()
    warnings.filterwarnings("ignore", message="No directory at")  # static files are not built for the bench
    setup_test_environment()  # the test client's host, and no email leaves the machine
    call_command("migrate", verbosity=0, interactive=False)


def _run(options):
    from django.db import connection

    started = time.perf_counter()
    with _atomic(), connection.cursor() as cursor:
        # A bulk load into a throwaway database: checking millions of foreign keys one row at a time (the
        # rows are consistent by construction, and the tests check them with the checks on) would take minutes.
        cursor.execute("SET LOCAL session_replication_role = replica")
        counts = build(schools=options.schools, seed=options.seed)
    built = time.perf_counter() - started
    _vacuum()
    print(f"Built {sum(counts.values()):,} rows in {built:.0f} s (PostgreSQL {connection.pg_version // 10000}, "
          f"{os.cpu_count()} CPUs):")
    for label, count in counts.items():
        print(f"  {label:<40}{count:>12,}")
    results = _measure(options.runs)
    _print(results, options.runs, "With the migrations' indexes")
    if options.explain:
        _explain()
    if options.propose_indexes and PROPOSED_INDEXES:
        print()
        with connection.cursor() as cursor:
            for name, sql in PROPOSED_INDEXES.items():
                print(f"PROPOSAL (created by hand here, not a migration): {name}")
                cursor.execute(sql)
        _vacuum()
        _print(_measure(options.runs), options.runs, "With the proposed indexes", baseline=results)


def _vacuum():
    """As autovacuum would leave the tables: statistics, and visibility maps for index-only scans."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")


def _atomic():
    from django.db import transaction

    return transaction.atomic()


def _measurements():
    """What is timed: the dashboard's figures for the current year, the evaluation and the pages."""
    from django.contrib.auth import get_user_model
    from django.test import Client
    from django.utils import timezone

    from reports.dashboard import KPIDashboardView
    from reports.evaluation import compare_rounds
    from reports.kpis import Scope
    from schools.models import Locality
    from sws_site.academic_years import academic_year_of

    year = academic_year_of(timezone.localdate())
    locality = Locality.objects.order_by("pk").values_list("pk", flat=True).first()
    user = get_user_model().objects.filter(is_superuser=True).first() or get_user_model().objects.create_superuser(
        email="bench-admin@example.org", password=None)
    client = Client()
    client.force_login(user)

    def page(path):
        def get():
            response = client.get(path)
            if response.status_code != 200:
                sys.exit(f"{path} answered {response.status_code}")
            return b"".join(response.streaming_content) if response.streaming else response.content
        return get

    return [
        ("compute(): no filters, by locality", lambda: KPIDashboardView.compute(Scope(year), "locality")),
        ("compute(): no filters, by cluster", lambda: KPIDashboardView.compute(Scope(year), "cluster")),
        ("compute(): one locality", lambda: KPIDashboardView.compute(Scope(year, locality=locality), "locality")),
        ("compute(): phase Secondary, by phase",
         lambda: KPIDashboardView.compute(Scope(year, phase="Secondary"), "phase")),
        ("compare_rounds(): matched and all", lambda: (compare_rounds(Scope(year)),
                                                       compare_rounds(Scope(year), matched=False))),
        ("GET /admin/kpis/", page("/admin/kpis/")),
        ("GET /admin/kpis/?export=csv", page("/admin/kpis/?export=csv")),
        ("GET /admin/kpis/evaluation/", page("/admin/kpis/evaluation/")),
    ]


def _measure(runs):
    """Median, fastest and first run of each measurement, and its query count."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    results = []
    for label, function in _measurements():
        timings = []
        for _ in range(runs):
            with CaptureQueriesContext(connection) as queries:
                started = time.perf_counter()
                function()
                timings.append(time.perf_counter() - started)
        results.append((label, statistics.median(timings), min(timings), timings[0], len(queries)))
    return results


def _print(results, runs, title, baseline=None):
    load = ", ".join(f"{value:.1f}" for value in os.getloadavg())
    print(f"\n{title}: seconds, median of {runs} runs (fastest, first), and queries per run; load average {load}")
    header = f"{'measurement':<40}{'median':>8}{'fastest':>9}{'first':>8}{'queries':>9}"
    print(header + ("    gain" if baseline else ""))
    before = {label: median for label, median, *_ in baseline or []}
    for label, median, fastest, first, queries in results:
        gain = f"{before[label] / median:>7.1f}x" if baseline else ""
        print(f"{label:<40}{median:>8.3f}{fastest:>9.3f}{first:>8.3f}{queries:>9}{gain}")


def _explain():
    """Time each indicator's queries with no filters and explain the slowest three."""
    from django.db import connection
    from django.utils import timezone

    from reports.kpis import Scope, indicators
    from sws_site.academic_years import academic_year_of

    scope = Scope(academic_year_of(timezone.localdate()))
    timed = []
    for kpi in indicators():
        started = time.perf_counter()
        kpi.total(scope)
        kpi.breakdown(scope, "locality")
        timed.append((time.perf_counter() - started, kpi.key, kpi.queryset(scope)))
    timed.sort(key=lambda item: -item[0])
    print("\nSlowest indicators (total and breakdown by locality, seconds):")
    for seconds, key, _ in timed[:8]:
        print(f"  {key:<40}{seconds:>8.3f}")
    for _, key, queryset in timed[:3]:
        sql, params = queryset.order_by().values("pk").query.sql_with_params()
        with connection.cursor() as cursor:
            cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS) {sql}", params)
            print(f"\nEXPLAIN ANALYZE, rows of {key}:")
            print("\n".join(row[0] for row in cursor.fetchall()))


if __name__ == "__main__":
    main()
