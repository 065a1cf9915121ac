"""Who sees the award status listing, as the migrations grant it."""

from django.contrib.auth.models import Group

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("role", "sees"),
    [
        ("Team Manager", True),
        ("Wellbeing Worker", True),
        ("Senior Wellbeing Worker", True),
        ("Steering group member", True),
        ("Public Health analyst", True),
        ("Administrator", False),
        ("Editor", False),
    ],
)
def test_award_listing_viewers(role, sees):
    group = Group.objects.get(name=role)
    assert group.permissions.filter(content_type__app_label="awards", codename="view_award").exists() is sees
