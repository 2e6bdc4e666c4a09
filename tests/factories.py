"""Factories that build test data; tests never depend on the seed fixtures."""

import factory
from django.contrib.auth import get_user_model
from django.utils import timezone

from measures.models import (
    Category,
    Indicator,
    Lineage,
    Measure,
    MeasureLink,
    Region,
    TargetGroup,
)
from partners.models import Membership, Partner


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.org")
    password = factory.django.Password("correct horse battery staple")


class PartnerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Partner

    name = factory.Sequence(lambda n: f"Partner organisation {n}")
    short_name = factory.Sequence(lambda n: f"P{n}")
    slug = factory.Sequence(lambda n: f"partner-{n}")
    country = "FI"
    city = "Lahti"


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    partner = factory.SubFactory(PartnerFactory)
    role = Membership.Role.EDITOR


class RegionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Region

    name = factory.Sequence(lambda n: f"Region {n}")
    slug = factory.Sequence(lambda n: f"region-{n}")
    country = "FI"
    nuts_code = factory.Sequence(lambda n: f"FI{n:03d}"[-5:])
    nearby_metropolises = "Helsinki"
    partner = factory.SubFactory(PartnerFactory)


class CategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Category

    name = factory.Sequence(lambda n: f"Theme {n}")
    slug = factory.Sequence(lambda n: f"theme-{n}")
    position = factory.Sequence(lambda n: n)


class TargetGroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TargetGroup

    name = factory.Sequence(lambda n: f"Target group {n}")
    slug = factory.Sequence(lambda n: f"group-{n}")


class MeasureFactory(factory.django.DjangoModelFactory):
    """A published measure with one theme; pass `status=` for any other state."""

    class Meta:
        model = Measure
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Measure number {n}")
    summary = "A short summary of what the measure does."
    description = "A longer description of the measure."
    region = factory.SubFactory(RegionFactory)
    partner = factory.SelfAttribute("region.partner")
    start_year = 2020
    implementation = Measure.Implementation.RUNNING
    status = Measure.Status.PUBLISHED
    published_at = factory.LazyFunction(timezone.now)

    @factory.post_generation
    def categories(self, create, extracted, **kwargs):
        if not create:
            return
        self.categories.set(extracted if extracted is not None else [CategoryFactory()])

    @factory.post_generation
    def target_groups(self, create, extracted, **kwargs):
        if create and extracted:
            self.target_groups.set(extracted)


class MeasureLinkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MeasureLink

    measure = factory.SubFactory(MeasureFactory)
    title = "Project page"
    url = factory.Sequence(lambda n: f"https://example.org/source/{n}")


class IndicatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Indicator

    measure = factory.SubFactory(MeasureFactory)
    name = factory.Sequence(lambda n: f"Indicator {n}")
    unit = "users"
    achieved = 1200


class LineageFactory(factory.django.DjangoModelFactory):
    """A measure adapted from another; origin=None and an origin_name for one outside."""

    class Meta:
        model = Lineage

    measure = factory.SubFactory(MeasureFactory)
    origin = factory.SubFactory(MeasureFactory)
    kind = Lineage.Kind.ADAPTED
    changes = "Run by the region instead of one city."
    outcome = "Three municipalities took part."
