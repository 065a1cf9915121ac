import datetime

import factory
import wagtail_factories

from directory.models import (
    AlternativeProvisionIndexPage,
    Organisation,
    ProviderPage,
    ServicePage,
    ThrivePortalPage,
)
from taxonomy.models import ThriveGrouping


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation
        django_get_or_create = ["name"]

    name = factory.Sequence(lambda n: f"Fictional Organisation {n}")
    description = "An invented organisation."
    email = factory.Sequence(lambda n: f"org{n}@example.org")
    url = "https://example.org/"
    phone = "01632 960999"


class ThrivePortalPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = ThrivePortalPage

    title = "THRIVE portal"
    slug = "thrive"
    summary = "Local services for children and young people's mental health."


class ServicePageFactory(wagtail_factories.PageFactory):
    """A live service; pass thrive_groupings=[...] (default: Getting Help) and other M2M lists directly."""

    class Meta:
        model = ServicePage

    title = factory.Sequence(lambda n: f"Service {n:04d}")
    slug = factory.Sequence(lambda n: f"service-{n}")
    summary = factory.Sequence(lambda n: f"What service {n} does.")
    organisation = factory.SubFactory(OrganisationFactory)
    min_age = 11
    max_age = 18
    last_checked = factory.LazyFunction(lambda: datetime.date.today() - datetime.timedelta(days=30))
    last_checked_by = "SWS team"
    thrive_groupings = factory.LazyFunction(lambda: [ThriveGrouping.objects.get(slug="getting-help")])


class AlternativeProvisionIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = AlternativeProvisionIndexPage

    title = "Alternative provision"
    slug = "alternative-provision"
    summary = "Providers of alternative provision."


class ProviderPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = ProviderPage

    title = factory.Sequence(lambda n: f"Provider {n:04d}")
    slug = factory.Sequence(lambda n: f"provider-{n}")
    summary = factory.Sequence(lambda n: f"What provider {n} offers.")
    min_age = 11
    max_age = 16
    places = 5
    email = "provider@example.org"
    phone = "01632 960998"
