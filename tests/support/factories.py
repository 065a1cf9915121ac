import datetime

import factory

from support.models import SupportRecord
from tests.schools.factories import SchoolFactory
from tests.users.factories import UserFactory


class SupportRecordFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SupportRecord
        skip_postgeneration_save = True

    school = factory.SubFactory(SchoolFactory)
    worker = factory.SubFactory(UserFactory, roles=["Wellbeing Worker"])
    kind = SupportRecord.Kind.CONSULTATION
    date = factory.LazyFunction(lambda: datetime.date.today() - datetime.timedelta(days=10))
    notes = "Talked through the referral routes."

    @factory.post_generation
    def staff(self, create, extracted, **kwargs):
        """Add the staff involved: `SupportRecordFactory(staff=[user, ...])`."""
        if create and extracted:
            self.staff.add(*extracted)


class PeriodFactory(SupportRecordFactory):
    """A period of working alongside school staff, ended yesterday unless told otherwise."""

    kind = SupportRecord.Kind.WORKING_ALONGSIDE
    date = factory.LazyFunction(lambda: datetime.date.today() - datetime.timedelta(days=42))
    ends_on = factory.LazyFunction(lambda: datetime.date.today() - datetime.timedelta(days=1))
