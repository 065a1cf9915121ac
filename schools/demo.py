"""Demo registry: localities and clusters built from the sample GIAS extract, and people in every role.

Every school in the sample is invented; people's names are invented and addresses use example.org.
"""

from math import dist
from pathlib import Path

from django.contrib.auth.models import Group
from django.core.management import call_command
from django.db import transaction

from users.models import User
from users.roles import Role

from .models import Cluster, ClusterAssignment, Locality, Membership, School

SAMPLE_EXTRACT = Path(__file__).resolve().parent / "data" / "gias_sample.csv"
DEMO_LA_CODE = "883"
DEMO_PASSWORD = "wellbeing-demo-2026"  # noqa: S105 (documented demo password; load_demo refuses when DEBUG is off)
LOCALITY_NAMES = ("West", "Central", "East")

# (email, first name, last name, role group or None, job title)
SERVICE_PEOPLE = [
    ("manager@example.org", "Morgan", "Ashdown", Role.TEAM_MANAGER, "Team Manager"),
    ("senior.west@example.org", "Priya", "Westbrook", Role.SENIOR_WORKER, "Senior School Wellbeing Worker"),
    ("senior.central@example.org", "Tomasz", "Carrow", Role.SENIOR_WORKER, "Senior School Wellbeing Worker"),
    ("senior.east@example.org", "Grace", "Easterby", Role.SENIOR_WORKER, "Senior School Wellbeing Worker"),
    ("worker@example.org", "Jamie", "Fairweather", Role.WORKER, "School Wellbeing Worker"),
    ("administrator@example.org", "Dee", "Ledger", Role.ADMINISTRATOR, "Administrator"),
    ("editor@example.org", "Rowan", "Quill", Role.EDITOR, "Content editor"),
    ("steering1@example.org", "Harriet", "Stanway", Role.STEERING_GROUP, "Head teacher representative"),
    ("steering2@example.org", "Obi", "Chairman", Role.STEERING_GROUP, "Commissioner, NHS"),
    ("steering3@example.org", "Lena", "Voss", Role.STEERING_GROUP, "Voluntary sector representative"),
    ("analyst@example.org", "Sam", "Tally", Role.PUBLIC_HEALTH, "Public Health analyst"),
]

FIRST_NAMES = ["Alex", "Bea", "Chris", "Dana", "Eli", "Fran", "Gus", "Hana", "Ivo", "Jo", "Kit", "Lou", "Mo", "Nia"]
LAST_NAMES = ["Ambler", "Birchall", "Coyle", "Dunmore", "Elwood", "Fenwick", "Garside", "Holt", "Ingram", "Jessop"]


def _person(email, first_name, last_name, job_title="", superuser=False):
    """Create a demo account once; later runs leave it (and any password change) alone."""
    user, created = User.objects.get_or_create(
        email=email,
        defaults={"first_name": first_name, "last_name": last_name, "job_title": job_title},
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.is_staff = superuser
        user.is_superuser = superuser
        user.save()
    return user


def _cluster_name(secondary):
    """Name a cluster after its secondary school, without the school-type words."""
    name = secondary.name
    for suffix in (" Academy", " School", " High", " College"):
        name = name.removesuffix(suffix)
    return name


def _nearest(school, hubs):
    """The hub school geographically closest to `school` (by GIAS easting/northing)."""
    if school.easting is None or school.northing is None:
        return hubs[school.urn % len(hubs)]
    return min(hubs, key=lambda hub: dist((school.easting, school.northing), (hub.easting or 0, hub.northing or 0)))


def build_clusters():
    """Group the demo schools into clusters around each open secondary, and clusters into 3 localities."""
    schools = list(School.objects.filter(la_code=DEMO_LA_CODE))
    hubs = sorted(
        (s for s in schools if s.phase == "Secondary" and s.is_open),
        key=lambda s: (s.easting or 0, s.urn),
    )
    if not hubs:
        return []
    localities = [Locality.objects.get_or_create(name=name)[0] for name in LOCALITY_NAMES]
    clusters = {}
    for index, hub in enumerate(hubs):
        locality = localities[index * len(localities) // len(hubs)]
        cluster, _ = Cluster.objects.get_or_create(name=_cluster_name(hub), defaults={"locality": locality})
        if hub.cluster_id is None:
            hub.cluster = cluster
            hub.save(update_fields=["cluster"])
        if cluster.secondary_school_id is None and hub.cluster_id == cluster.pk:
            cluster.secondary_school = hub
            cluster.save(update_fields=["secondary_school"])
        clusters[hub.pk] = cluster
    for school in schools:
        if school.cluster_id is None:
            school.cluster = clusters[_nearest(school, hubs).pk]
            school.save(update_fields=["cluster"])
    return list(clusters.values())


def build_people(clusters):
    """Accounts for every role, worker assignments, and school leads, heads and staff."""
    accounts = []
    groups = {group.name: group for group in Group.objects.filter(name__in=Role.ALL)}
    developer = _person("developer@example.org", "Dev", "Eloper", "Developer", superuser=True)
    accounts.append((developer.email, "Superuser (everything)", ""))
    service = {}
    for email, first, last, role, title in SERVICE_PEOPLE:
        user = _person(email, first, last, title)
        user.groups.add(groups[role])
        service[email] = user
        accounts.append((email, role, ""))

    by_locality = {}
    for cluster in clusters:
        by_locality.setdefault(cluster.locality.name, []).append(cluster)
    for locality, senior in zip(LOCALITY_NAMES, ("senior.west", "senior.central", "senior.east"), strict=True):
        for cluster in by_locality.get(locality, []):
            ClusterAssignment.objects.get_or_create(worker=service[f"{senior}@example.org"], cluster=cluster)

    demo_school = _demo_school(clusters)
    other_school = _demo_school(clusters, exclude_cluster=demo_school.cluster)
    ClusterAssignment.objects.get_or_create(worker=service["worker@example.org"], cluster=demo_school.cluster)
    lead, head, staff = Membership.Role.MENTAL_HEALTH_LEAD, Membership.Role.HEAD_TEACHER, Membership.Role.STAFF
    for email, first, last, role, school in [
        ("lead@example.org", "Leah", "Mendel", lead, demo_school),
        ("head@example.org", "Hugh", "Marsh", head, demo_school),
        ("staff@example.org", "Stacy", "Fielding", staff, demo_school),
        ("other.lead@example.org", "Owen", "Leder", lead, other_school),
    ]:
        user = _person(email, first, last)
        _join(user, school, role)
        accounts.append((email, Membership.Role(role).label, school.name))
    _give_other_schools_leads(exclude={demo_school.pk, other_school.pk})
    return accounts


def assigned_worker(school):
    """The first worker assigned to the school's cluster, who reviews its demo submissions; None if none."""
    assignment = ClusterAssignment.objects.filter(cluster_id=school.cluster_id).select_related("worker").first()
    return assignment.worker if assignment else None


def _demo_school(clusters, exclude_cluster=None):
    """A stable, open primary school to hold the demo accounts."""
    candidates = School.objects.filter(cluster__in=clusters, phase="Primary", status=School.Status.OPEN)
    if exclude_cluster is not None:
        candidates = candidates.exclude(cluster=exclude_cluster)
    return candidates.order_by("urn").first()


def _join(user, school, role):
    """Make `user` a member of `school` in `role` unless the school already has another lead."""
    if role == Membership.Role.MENTAL_HEALTH_LEAD and Membership.objects.filter(
        school=school, role=role
    ).exclude(user=user).exists():
        role = Membership.Role.STAFF
    Membership.objects.get_or_create(user=user, school=school, defaults={"role": role})


def _give_other_schools_leads(exclude):
    """Most demo schools have named a lead; a few have not, as in a real borough."""
    schools = School.objects.filter(la_code=DEMO_LA_CODE, status=School.Status.OPEN).exclude(pk__in=exclude)
    for index, school in enumerate(schools.order_by("urn")):
        if index % 4 == 3:
            continue
        first = FIRST_NAMES[index % len(FIRST_NAMES)]
        last = LAST_NAMES[index % len(LAST_NAMES)]
        user = _person(f"lead.{school.urn}@example.org", first, last)
        _join(user, school, Membership.Role.MENTAL_HEALTH_LEAD)


@transaction.atomic
def build_registry(stdout=None):
    """Import the sample extract, then build clusters, localities and people. Safe to run again."""
    call_command("import_gias", str(SAMPLE_EXTRACT), "--la", DEMO_LA_CODE, stdout=stdout)
    clusters = build_clusters()
    return build_people(clusters)
