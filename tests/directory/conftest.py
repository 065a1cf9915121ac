import pytest

from home.demo_content import build_site
from tests.directory.factories import AlternativeProvisionIndexPageFactory, ThrivePortalPageFactory


@pytest.fixture
def home(db):
    return build_site()["home"]


@pytest.fixture
def portal(home):
    return ThrivePortalPageFactory(parent=home)


@pytest.fixture
def ap_index(home):
    return AlternativeProvisionIndexPageFactory(parent=home)
