import factory

from schools.models import Cluster, ClusterAssignment, Invitation, Locality, Membership, School
from tests.users.factories import UserFactory


class LocalityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Locality
        django_get_or_create = ["name"]

    name = factory.Sequence(lambda n: f"Locality {n}")


class ClusterFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Cluster

    name = factory.Sequence(lambda n: f"Cluster {n}")
    locality = factory.SubFactory(LocalityFactory)


class SchoolFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = School

    urn = factory.Sequence(lambda n: 900000 + n)
    name = factory.Sequence(lambda n: f"Fictional Primary School {n}")
    la_code = "883"
    la_name = "Thurrock"
    establishment_type = "Community school"
    phase = "Primary"
    status = School.Status.OPEN
    statutory_low_age = 4
    statutory_high_age = 11
    number_of_pupils = 300
    town = "Grays"
    postcode = "RM17 6AA"
    cluster = factory.SubFactory(ClusterFactory)


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    school = factory.SubFactory(SchoolFactory)
    role = Membership.Role.STAFF


class LeadFactory(MembershipFactory):
    role = Membership.Role.MENTAL_HEALTH_LEAD


class ClusterAssignmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ClusterAssignment

    worker = factory.SubFactory(UserFactory, roles=["Wellbeing Worker"])
    cluster = factory.SubFactory(ClusterFactory)


class InvitationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Invitation

    school = factory.SubFactory(SchoolFactory)
    email = factory.Sequence(lambda n: f"invitee{n}@example.org")
    first_name = "Ira"
    last_name = "Invitee"
    role = Membership.Role.STAFF
