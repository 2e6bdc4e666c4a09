"""The admin as a superuser sees it: every page of every model opens, and a measure saves."""

import pytest
from django.contrib import admin

from measures.models import Category, ExpertOpinion, Exploration, Measure, Region, TargetGroup
from partners.models import Membership, Partner
from tests.factories import (
    CategoryFactory,
    MeasureFactory,
    MembershipFactory,
    PartnerFactory,
    RegionFactory,
    TargetGroupFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

# (model, a factory of the row searched for, a word that finds it, a factory of other rows)
MODELS = [
    (Partner, lambda: PartnerFactory(name="WITENO GmbH"), "witeno", PartnerFactory),
    (
        Membership,
        lambda: MembershipFactory(user=UserFactory(username="anna")),
        "anna",
        MembershipFactory,
    ),
    (Region, lambda: RegionFactory(name="Päijät-Häme", nuts_code="FI1C3"), "FI1C3", RegionFactory),
    (Category, lambda: CategoryFactory(name="Digital skills"), "skills", CategoryFactory),
    (TargetGroup, lambda: TargetGroupFactory(name="Older people"), "older", TargetGroupFactory),
    (Measure, lambda: MeasureFactory(title="Remote home care unit"), "home care", MeasureFactory),
]
MODEL_IDS = [model._meta.model_name for model, *_rest in MODELS]
# Sent by visitors, never added in the admin: their pages are tested in
# tests/adoption/test_exploration_permissions.py.
VISITORS_MODELS = {Exploration}
# Written by experts only (not by a superuser, who is none): their pages are tested in
# tests/review/test_expert_opinion_permission_table.py.
EXPERTS_MODELS = {ExpertOpinion}


def admin_url(model, suffix=""):
    return f"/admin/{model._meta.app_label}/{model._meta.model_name}/{suffix}"


def test_every_registered_model_of_the_project_is_covered_here():
    registered = {
        model for model in admin.site._registry if model._meta.app_label in {"measures", "partners"}
    }

    assert registered == {model for model, *_rest in MODELS} | VISITORS_MODELS | EXPERTS_MODELS


@pytest.mark.parametrize(("model", "factory", "word", "other"), MODELS, ids=MODEL_IDS)
class TestPagesOpen:
    def test_changelist(self, admin_client, model, factory, word, other):
        factory()

        response = admin_client.get(admin_url(model))

        assert response.status_code == 200

    def test_changelist_search_finds_the_row(self, admin_client, model, factory, word, other):
        row = factory()
        other.create_batch(2)

        query = {"q": word}
        if model is Measure:
            # The measure list otherwise opens on the measures that need review.
            query["review"] = "all"
        response = admin_client.get(admin_url(model), query)

        assert response.status_code == 200
        assert list(response.context["cl"].result_list) == [row]

    def test_add_page(self, admin_client, model, factory, word, other):
        response = admin_client.get(admin_url(model, "add/"))

        assert response.status_code == 200
        assert "adminform" in response.context

    def test_change_page(self, admin_client, model, factory, word, other):
        row = factory()

        response = admin_client.get(admin_url(model, f"{row.pk}/change/"))

        assert response.status_code == 200
        assert response.context["original"] == row


def test_measure_changelist_shows_measures_waiting_for_review_by_default(admin_client):
    MeasureFactory(title="Waiting measure", status=Measure.Status.SUBMITTED, published_at=None)
    MeasureFactory(title="Published measure")

    response = admin_client.get("/admin/measures/measure/")

    assert [m.title for m in response.context["cl"].result_list] == ["Waiting measure"]


@pytest.fixture
def measure_form_data(region, theme):
    """What the add form of a measure sends, with the slug left empty as a person without
    JavaScript would leave it."""
    return {
        "title": "Village e-service points",
        "title_local": "Kylien asiointipisteet",
        "slug": "",
        "summary": "Staffed points in village shops where people use public e-services.",
        "description": "",
        "region": region.pk,
        "partner": region.partner.pk,
        "main_institution": "",
        "categories": [theme.pk],
        "target_groups": [],
        "start_year": "2022",
        "end_year": "",
        "implementation": "running",
        "problem": "",
        "resources": "",
        "evidence": "",
        "difficulties": "",
        "transfer_potential": "",
        "funding": "",
        "website": "",
        "image_alt": "",
        "links-TOTAL_FORMS": "1",
        "links-INITIAL_FORMS": "0",
        "links-MIN_NUM_FORMS": "0",
        "links-MAX_NUM_FORMS": "1000",
        "links-0-title": "Project page",
        "links-0-url": "https://example.org/village-points",
        "links-0-position": "0",
        "translations-TOTAL_FORMS": "0",
        "translations-INITIAL_FORMS": "0",
        "translations-MIN_NUM_FORMS": "0",
        "translations-MAX_NUM_FORMS": "1000",
        **{
            f"{prefix}-{name}": value
            for prefix in ("indicators", "origins", "prerequisites")
            for name, value in [
                ("TOTAL_FORMS", "0"),
                ("INITIAL_FORMS", "0"),
                ("MIN_NUM_FORMS", "0"),
                ("MAX_NUM_FORMS", "1000"),
            ]
        },
        "_save": "Save",
    }


def test_saving_a_new_measure_stamps_the_user_and_makes_the_slug(
    admin_client, admin_user, measure_form_data, theme
):
    response = admin_client.post("/admin/measures/measure/add/", measure_form_data)

    assert response.status_code == 302, response.context["adminform"].form.errors
    measure = Measure.objects.get()
    assert measure.slug == "village-e-service-points"
    assert measure.created_by == admin_user
    assert measure.updated_by == admin_user
    assert measure.status == Measure.Status.DRAFT
    assert list(measure.categories.all()) == [theme]
    assert [link.url for link in measure.links.all()] == ["https://example.org/village-points"]


def test_saving_a_measure_with_a_taken_title_numbers_the_slug(admin_client, measure_form_data):
    MeasureFactory(title="Village e-service points")

    response = admin_client.post("/admin/measures/measure/add/", measure_form_data)

    assert response.status_code == 302
    assert Measure.objects.filter(slug="village-e-service-points-2").exists()


def test_slug_typed_by_the_editor_is_kept(admin_client, measure_form_data):
    response = admin_client.post(
        "/admin/measures/measure/add/", {**measure_form_data, "slug": "village-points"}
    )

    assert response.status_code == 302
    assert Measure.objects.get().slug == "village-points"


def test_changing_a_measure_stamps_the_new_user_and_keeps_the_creator(
    client, admin_user, django_user_model, measure_form_data
):
    client.force_login(admin_user)
    client.post("/admin/measures/measure/add/", measure_form_data)
    measure = Measure.objects.get()
    other_admin = django_user_model.objects.create_superuser("other", "other@example.org", "pw")
    client.force_login(other_admin)

    response = client.post(
        f"/admin/measures/measure/{measure.pk}/change/",
        {
            **measure_form_data,
            "title": "Municipal e-service points",
            "slug": measure.slug,
            "loaded_version": measure.version,
            "links-TOTAL_FORMS": "0",
        },
    )

    assert response.status_code == 302, response.context["adminform"].form.errors
    measure.refresh_from_db()
    assert measure.title == "Municipal e-service points"
    assert measure.slug == "village-e-service-points"
    assert measure.created_by == admin_user
    assert measure.updated_by == other_admin
