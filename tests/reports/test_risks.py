"""The steering group's risk and quality register: score and RAG, who may do what, listing, export, history."""

import csv
import io
from datetime import date, timedelta

from django.contrib.auth.models import Group
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

import openpyxl
import pytest

from reports.risks import AMBER_FROM, RED_FROM, Rag, Risk, rag_for
from reports.risks_demo import RISKS
from reports.risks_demo import build_demo as build_risks
from users.roles import Role

pytestmark = pytest.mark.django_db

KEEPERS = [Role.STEERING_GROUP, Role.TEAM_MANAGER]
NO_ACCESS = [Role.WORKER, Role.SENIOR_WORKER, Role.ADMINISTRATOR, Role.EDITOR]


def url(action, *args):
    return reverse(f"reports_risk_modeladmin_{action}", args=args)


def make_risk(**fields):
    values = {
        "title": "Funding ends early",
        "description": "The pilot's funding may stop.",
        "likelihood": 3,
        "impact": 4,
        "owner": "Team Manager",
        "mitigation": "Make the case early.",
        "review_date": timezone.localdate() + timedelta(days=30),
    }
    values.update(fields)
    return Risk.objects.create(**values)


def form_data(**changes):
    data = {
        "title": "Workers leave",
        "category": Risk.Category.RISK,
        "description": "Two vacancies.",
        "likelihood": "4",
        "impact": "5",
        "owner": "Team Manager",
        "mitigation": "Recruit early.",
        "review_date": (timezone.localdate() + timedelta(days=14)).isoformat(),
        "status": Risk.Status.OPEN,
    }
    data.update(changes)
    return data


def csv_rows(response):
    body = b"".join(response.streaming_content).decode("utf-8")
    return list(csv.DictReader(io.StringIO(body)))


# The score and RAG ------------------------------------------------------------------------------------------


def test_score_is_likelihood_times_impact_and_follows_changes():
    risk = make_risk(likelihood=3, impact=4)
    assert Risk.objects.get(pk=risk.pk).score == 12
    risk.likelihood = 5
    risk.save(update_fields=["likelihood"])
    assert Risk.objects.get(pk=risk.pk).score == 20


@pytest.mark.parametrize(("score", "band"), [(1, Rag.GREEN), (4, Rag.GREEN), (5, Rag.AMBER), (12, Rag.AMBER),
                                            (15, Rag.RED), (25, Rag.RED)])
def test_rag_bands(score, band):
    assert (AMBER_FROM, RED_FROM) == (5, 15)
    assert rag_for(score) == band


def test_the_database_refuses_a_score_that_is_not_the_product():
    risk = make_risk(likelihood=2, impact=2)
    with pytest.raises(IntegrityError), transaction.atomic():
        Risk.objects.filter(pk=risk.pk).update(score=25)


def test_the_database_refuses_ratings_outside_one_to_five():
    risk = make_risk()
    with pytest.raises(IntegrityError), transaction.atomic():
        Risk.objects.filter(pk=risk.pk).update(likelihood=6, impact=1, score=6)


def test_review_overdue_only_for_entries_not_closed():
    yesterday = timezone.localdate() - timedelta(days=1)
    overdue = make_risk(review_date=yesterday)
    make_risk(review_date=yesterday, status=Risk.Status.CLOSED)
    make_risk()
    assert overdue.review_overdue
    assert list(Risk.objects.review_overdue()) == [overdue]


# Who may do what --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("role", KEEPERS)
def test_steering_group_and_team_manager_add_and_change_entries(client, role_user, role):
    user = role_user(role)
    client.force_login(user)

    assert client.get(url("create")).status_code == 200
    response = client.post(url("create"), form_data())
    assert response.status_code == 302
    risk = Risk.objects.get()
    assert (risk.score, risk.rag) == (20, Rag.RED)

    response = client.post(url("edit", risk.pk), form_data(likelihood="1", status=Risk.Status.MONITORING))
    assert response.status_code == 302
    risk.refresh_from_db()
    assert (risk.score, risk.status) == (5, Risk.Status.MONITORING)
    assert risk.history.first().history_user == user


def test_public_health_reads_but_cannot_change_anything(client, role_user):
    client.force_login(role_user(Role.PUBLIC_HEALTH))
    risk = make_risk(title="Original")

    assert client.get(url("index")).status_code == 200
    assert client.get(url("inspect", risk.pk)).status_code == 200
    assert client.get(url("history", risk.pk)).status_code == 200
    assert client.get(url("create")).status_code == 403
    assert client.post(url("create"), form_data()).status_code == 403
    assert client.get(url("edit", risk.pk)).status_code == 403
    assert client.post(url("edit", risk.pk), form_data(title="Changed")).status_code == 403
    assert client.post(url("delete", risk.pk)).status_code == 403

    assert list(Risk.objects.values_list("title", flat=True)) == ["Original"]
    page = client.get(url("index")).content.decode()
    assert url("create") not in page and url("edit", risk.pk) not in page


@pytest.mark.parametrize("role", NO_ACCESS)
def test_other_roles_do_not_see_the_register(client, role_user, role):
    client.force_login(role_user(role))
    risk = make_risk()
    assert client.get(url("index")).status_code == 403
    assert client.get(url("history", risk.pk)).status_code == 403
    assert client.post(url("create"), form_data()).status_code == 403
    assert Risk.objects.count() == 1
    assert url("index") not in client.get(reverse("wagtailadmin_home")).content.decode()


@pytest.mark.parametrize("role", KEEPERS)
def test_no_one_deletes_an_entry(client, role_user, role):
    client.force_login(role_user(role))
    risk = make_risk()
    assert client.post(url("delete", risk.pk)).status_code == 403
    assert Risk.objects.filter(pk=risk.pk).exists()


def test_menu_shows_the_register_to_those_who_may_read_it(client, role_user):
    client.force_login(role_user(Role.PUBLIC_HEALTH))
    assert url("index") in client.get(reverse("wagtailadmin_home")).content.decode()


# The listing ------------------------------------------------------------------------------------------------


@pytest.fixture
def register():
    today = timezone.localdate()
    return {
        "red": make_risk(title="Red one", likelihood=5, impact=4),
        "amber": make_risk(title="Amber one", likelihood=2, impact=3, status=Risk.Status.MONITORING),
        "green": make_risk(title="Green one", likelihood=1, impact=2, review_date=today - timedelta(days=3)),
        "closed": make_risk(
            title="Closed one", likelihood=3, impact=5, status=Risk.Status.CLOSED, review_date=today - timedelta(days=9)
        ),
    }


def listed(client, **params):
    return [risk.title for risk in client.get(url("index"), params).context["object_list"]]


def test_listing_is_sorted_by_score_and_filters(client, manager, register):
    client.force_login(manager)
    assert listed(client) == ["Red one", "Closed one", "Amber one", "Green one"]
    assert listed(client, rag="red") == ["Red one", "Closed one"]
    assert listed(client, rag="amber") == ["Amber one"]
    assert listed(client, rag="green") == ["Green one"]
    assert listed(client, status="monitoring") == ["Amber one"]
    assert listed(client, review="overdue") == ["Green one"]


def test_listing_highlights_overdue_reviews(client, manager, register):
    client.force_login(manager)
    page = client.get(url("index")).content.decode()
    assert page.count("Review overdue</span>") == 1
    assert page.count('data-review-overdue="true"') == 1
    assert "20 (Red)" in page and "6 (Amber)" in page and "2 (Green)" in page


# Export -----------------------------------------------------------------------------------------------------


def test_csv_export_has_every_column_and_keeps_the_filter(client, role_user, register):
    client.force_login(role_user(Role.PUBLIC_HEALTH))

    rows = csv_rows(client.get(url("index"), {"rag": "red", "export": "csv"}))

    assert [row["Title"] for row in rows] == ["Red one", "Closed one"]
    red = rows[0]
    assert (red["Likelihood"], red["Impact"], red["Score"], red["RAG rating"]) == ("5", "4", "20", "Red")
    assert (red["Status"], red["Category"], red["Owner"]) == ("Open", "Risk", "Team Manager")
    assert red["Mitigation"] == "Make the case early."
    assert rows[1]["Review overdue"] == "No"  # closed entries are never overdue
    assert red["Review date"] == register["red"].review_date.isoformat()


def test_xlsx_export_is_a_workbook(client, manager, register):
    client.force_login(manager)
    response = client.get(url("index"), {"export": "xlsx", "review": "overdue"})
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).worksheets[0]
    header, *rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    values = dict(zip(header, rows[0], strict=True))
    assert len(rows) == 1
    assert (values["Title"], values["Score"], values["Review overdue"]) == ("Green one", 2, "Yes")


# History ----------------------------------------------------------------------------------------------------


def test_history_shows_who_changed_what(client, role_user):
    member = role_user(Role.STEERING_GROUP)
    client.force_login(member)
    client.post(url("create"), form_data(likelihood="2", impact="2"))
    risk = Risk.objects.get()
    client.post(url("edit", risk.pk), form_data(likelihood="4", impact="2", owner="Chair"))

    response = client.get(url("history", risk.pk))

    assert response.status_code == 200
    newest = response.context["entries"][0]
    assert newest.who == member
    assert {change.label for change in newest.changes} == {"Likelihood", "Score", "Owner"}
    page = response.content.decode()
    assert "Team Manager → Chair" in page and "4 → 8" in page
    assert response.context["entries"][-1].action == "Created"


# Demo -------------------------------------------------------------------------------------------------------


def test_demo_builds_a_realistic_register_once():
    today = date(2026, 3, 2)
    assert build_risks(today=today) == len(RISKS)
    assert 6 <= Risk.objects.count() <= 8
    assert build_risks(today=today) == 0
    assert Risk.objects.count() == len(RISKS)
    assert Risk.objects.filter(score__gte=RED_FROM).exists()
    assert Risk.objects.review_overdue(today=today).count() == 1
    assert Risk.objects.filter(category=Risk.Category.QUALITY).exists()


@pytest.mark.parametrize(
    ("role", "codenames"),
    [
        (Role.STEERING_GROUP, {"add_risk", "change_risk", "view_risk"}),
        (Role.TEAM_MANAGER, {"add_risk", "change_risk", "view_risk"}),
        (Role.PUBLIC_HEALTH, {"view_risk"}),
        (Role.ADMINISTRATOR, set()),
        (Role.WORKER, set()),
        (Role.SENIOR_WORKER, set()),
        (Role.EDITOR, set()),
    ],
)
def test_the_migration_grants_exactly_these_permissions(role, codenames):
    permissions = Group.objects.get(name=role).permissions
    granted = permissions.filter(content_type__app_label="reports", codename__endswith="_risk")
    assert set(granted.values_list("codename", flat=True)) == codenames
