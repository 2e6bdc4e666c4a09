"""The models on their own: slugs, publication dates, validation, constraints, natural keys."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError

from measures.models import (
    Category,
    Measure,
    MeasureLink,
    MeasureRevision,
    MeasureTransition,
    Region,
    TargetGroup,
)
from partners.models import Membership, Partner
from tests.factories import (
    CategoryFactory,
    MeasureFactory,
    MeasureLinkFactory,
    MembershipFactory,
    PartnerFactory,
    RegionFactory,
    TargetGroupFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def unsaved_measure(**fields):
    """A measure that passes clean() unless `fields` says otherwise."""
    return MeasureFactory.build(region=RegionFactory(), status=Measure.Status.DRAFT, **fields)


class TestMeasureSlug:
    def test_slug_is_made_from_the_title_on_first_save(self):
        measure = MeasureFactory(title="Digital Skills Bus für Senioren")

        assert measure.slug == "digital-skills-bus-fur-senioren"

    def test_slugs_of_equal_titles_get_numbered_suffixes(self):
        first = MeasureFactory(title="Coworking hub")
        second = MeasureFactory(title="Coworking hub")
        third = MeasureFactory(title="Coworking hub")

        assert [first.slug, second.slug, third.slug] == [
            "coworking-hub",
            "coworking-hub-2",
            "coworking-hub-3",
        ]

    def test_slug_stays_the_same_when_the_title_changes(self):
        measure = MeasureFactory(title="Village e-service points")

        measure.title = "Municipal e-service points"
        measure.save()
        measure.refresh_from_db()

        assert measure.slug == "village-e-service-points"

    def test_title_without_letters_gives_a_fallback_slug(self):
        assert MeasureFactory(title="???").slug == "measure"

    def test_slug_given_by_the_editor_is_kept(self):
        assert MeasureFactory(title="Open data portal", slug="odp").slug == "odp"


class TestMeasurePublication:
    def test_published_at_is_set_when_saved_as_published(self):
        measure = MeasureFactory(status=Measure.Status.DRAFT, published_at=None)
        assert measure.published_at is None

        measure.status = Measure.Status.PUBLISHED
        measure.save()

        assert measure.published_at is not None

    def test_published_at_is_not_changed_by_a_later_save(self):
        measure = MeasureFactory(status=Measure.Status.PUBLISHED, published_at=None)
        first_published_at = measure.published_at

        measure.summary = "An updated summary."
        measure.save()

        assert measure.published_at == first_published_at

    @pytest.mark.parametrize(
        "state", [state for state in Measure.Status if state != Measure.Status.PUBLISHED]
    )
    def test_published_at_stays_empty_in_other_states(self, state):
        assert MeasureFactory(status=state, published_at=None).published_at is None

    def test_is_published_is_true_only_when_published(self):
        assert MeasureFactory().is_published
        assert not MeasureFactory(status=Measure.Status.SUBMITTED).is_published


class TestMeasureClean:
    def test_image_requires_a_description(self):
        measure = unsaved_measure(
            image=SimpleUploadedFile("photo.jpg", b"not read by clean"), image_alt="  "
        )

        with pytest.raises(ValidationError) as error:
            measure.clean()

        assert list(error.value.message_dict) == ["image_alt"]

    def test_image_with_a_description_is_valid(self):
        measure = unsaved_measure(
            image=SimpleUploadedFile("photo.jpg", b"not read by clean"),
            image_alt="Two nurses on a video call with a patient",
        )

        measure.clean()

    def test_end_year_before_start_year_is_refused(self):
        measure = unsaved_measure(start_year=2021, end_year=2019)

        with pytest.raises(ValidationError) as error:
            measure.clean()

        assert list(error.value.message_dict) == ["end_year"]

    @pytest.mark.parametrize("end_year", [None, 2021, 2024])
    def test_end_year_equal_to_or_after_start_year_is_valid(self, end_year):
        unsaved_measure(start_year=2021, end_year=end_year).clean()

    def test_both_problems_are_reported_together(self):
        measure = unsaved_measure(
            image=SimpleUploadedFile("photo.jpg", b"x"), start_year=2021, end_year=2019
        )

        with pytest.raises(ValidationError) as error:
            measure.clean()

        assert set(error.value.message_dict) == {"image_alt", "end_year"}


class TestDatabaseConstraints:
    def test_measure_ending_before_it_starts_is_refused_by_the_database(self):
        with pytest.raises(IntegrityError):
            MeasureFactory(start_year=2022, end_year=2020)

    def test_published_measure_without_a_date_is_refused_by_the_database(self):
        measure = MeasureFactory(status=Measure.Status.DRAFT, published_at=None)

        # update() skips save(), which would otherwise fill in the date.
        with pytest.raises(IntegrityError):
            Measure.objects.filter(pk=measure.pk).update(status=Measure.Status.PUBLISHED)

    @pytest.mark.parametrize(("latitude", "longitude"), [(61.0, None), (None, 25.6)])
    def test_region_with_only_one_coordinate_is_refused(self, latitude, longitude):
        with pytest.raises(IntegrityError):
            RegionFactory(latitude=latitude, longitude=longitude)

    @pytest.mark.parametrize(("latitude", "longitude"), [(None, None), (60.98267, 25.66151)])
    def test_region_with_both_or_no_coordinates_is_accepted(self, latitude, longitude):
        region = RegionFactory(latitude=latitude, longitude=longitude)

        assert Region.objects.filter(pk=region.pk).exists()

    def test_user_has_one_membership_per_partner(self):
        membership = MembershipFactory()

        with pytest.raises(IntegrityError):
            MembershipFactory(user=membership.user, partner=membership.partner)

    def test_user_may_belong_to_several_partners(self):
        user = UserFactory()

        MembershipFactory(user=user)
        MembershipFactory(user=user)

        assert user.memberships.count() == 2

    def test_a_link_appears_once_per_measure(self):
        link = MeasureLinkFactory()

        with pytest.raises(IntegrityError):
            MeasureLinkFactory(measure=link.measure, url=link.url)


class TestStringsAndUrls:
    def test_partner(self):
        partner = PartnerFactory(name="WITENO GmbH", slug="witeno")

        assert str(partner) == "WITENO GmbH"
        assert partner.get_absolute_url() == "/en/partners/witeno/"

    def test_membership(self):
        membership = MembershipFactory(
            user=UserFactory(username="anna"),
            partner=PartnerFactory(name="WITENO GmbH"),
            role=Membership.Role.COORDINATOR,
        )

        assert str(membership) == "anna – WITENO GmbH (coordinator)"

    def test_region(self):
        region = RegionFactory(name="Päijät-Häme", slug="paijat-hame")

        assert str(region) == "Päijät-Häme"
        assert region.get_absolute_url() == "/en/regions/paijat-hame/"

    def test_category(self):
        theme = CategoryFactory(name="Digital skills", slug="digital-skills")

        assert str(theme) == "Digital skills"
        assert theme.get_absolute_url() == "/en/themes/digital-skills/"

    def test_target_group(self):
        assert str(TargetGroupFactory(name="Older people")) == "Older people"

    def test_measure(self):
        measure = MeasureFactory(title="Remote home care unit")

        assert str(measure) == "Remote home care unit"
        assert measure.get_absolute_url() == "/en/measures/remote-home-care-unit/"

    def test_measure_link(self):
        assert str(MeasureLinkFactory(title="Evaluation report 2022")) == "Evaluation report 2022"

    def test_measure_transition(self):
        transition = MeasureTransition.objects.create(
            measure=MeasureFactory(title="Remote home care unit"),
            from_status=Measure.Status.SUBMITTED,
            to_status=Measure.Status.CHANGES_REQUESTED,
        )

        assert str(transition) == "Remote home care unit: submitted → changes requested"

    def test_measure_revision(self):
        revision = MeasureRevision.objects.create(
            measure=MeasureFactory(title="Remote home care unit"), data={"title": "Home care"}
        )

        assert str(revision) == "Remote home care unit (waiting for review)"


class TestRegionMetropolisList:
    @pytest.mark.parametrize(
        ("nearby", "expected"),
        [
            ("Helsinki", ["Helsinki"]),
            ("Vienna, Bratislava", ["Vienna", "Bratislava"]),
            (" Berlin ,, Hamburg , ", ["Berlin", "Hamburg"]),
            ("", []),
        ],
    )
    def test_metropolises_are_split_on_commas_without_blanks(self, nearby, expected):
        assert RegionFactory.build(nearby_metropolises=nearby).metropolis_list == expected


class TestMeasureYears:
    @pytest.mark.parametrize(
        ("start_year", "end_year", "expected"),
        [
            (2019, 2023, "2019–2023"),
            (2021, 2021, "2021"),
            (2020, None, "since 2020"),
        ],
    )
    def test_years_read_as_a_range_a_single_year_or_an_open_start(
        self, start_year, end_year, expected
    ):
        measure = MeasureFactory.build(start_year=start_year, end_year=end_year)

        assert str(measure.years) == expected


class TestNaturalKeys:
    @pytest.mark.parametrize(
        ("model", "factory"),
        [
            (Partner, PartnerFactory),
            (Region, RegionFactory),
            (Category, CategoryFactory),
            (TargetGroup, TargetGroupFactory),
            (Measure, MeasureFactory),
        ],
    )
    def test_slug_natural_key_finds_the_same_row(self, model, factory):
        row = factory()

        assert row.natural_key() == (row.slug,)
        assert model.objects.get_by_natural_key(*row.natural_key()) == row

    def test_link_natural_key_is_its_address_and_its_measures_slug(self):
        link = MeasureLinkFactory(
            measure=MeasureFactory(title="Open data portal"), url="https://example.org/odp"
        )

        assert link.natural_key() == ("https://example.org/odp", "open-data-portal")
        assert MeasureLink.objects.get_by_natural_key(*link.natural_key()) == link

    def test_link_natural_key_depends_on_measures(self):
        assert MeasureLink.natural_key.dependencies == ["measures.measure"]
