"""The overdue list, its list filter and the "still running?" confirmation in the admin."""

import pytest
from django.utils import timezone

from measures.models import Measure, MeasureTransition
from tests.factories import PartnerFactory
from tests.freshness import measure_verified
from tests.staff import create_staff_user, messages_of

pytestmark = pytest.mark.django_db


# The editors and coordinator of WITENO and DIBA (as in tests/visitors/conftest.py), in
# place of the back office's personas of this folder's conftest.


@pytest.fixture
def editor(witeno):
    """An editor of WITENO."""
    return create_staff_user("erika", witeno, "editor")


@pytest.fixture
def colleague(witeno):
    """A second editor of WITENO."""
    return create_staff_user("carl", witeno, "editor")


@pytest.fixture
def other_editor(diba):
    """An editor of DIBA."""
    return create_staff_user("oskar", diba, "editor")


@pytest.fixture
def coordinator():
    return create_staff_user(
        "cora", PartnerFactory(name="Lahti University", slug="lut"), "coordinator"
    )


OVERDUE_URL = "/admin/measures/measure/verification-overdue/"


def confirm_url(measure):
    return f"/admin/measures/measure/{measure.pk}/confirm-current/"


@pytest.fixture
def overdue(witeno_region, diba_region):
    return {
        "witeno": measure_verified(witeno_region, 400, title="Village e-service points"),
        "diba": measure_verified(diba_region, 500, title="Rural broadband office"),
        "fresh": measure_verified(witeno_region, 20, title="Coworking in the old school"),
    }


def test_coordinators_see_every_partners_overdue_measures(client, coordinator, overdue):
    client.force_login(coordinator)

    response = client.get(OVERDUE_URL)

    html = response.content.decode()
    assert response.status_code == 200
    assert "Village e-service points" in html
    assert "Rural broadband office" in html
    assert "Coworking in the old school" not in html
    assert "2 published measures not verified for a year" in html


def test_editors_see_only_their_own_partners_overdue_measures(client, editor, overdue):
    client.force_login(editor)

    html = client.get(OVERDUE_URL).content.decode()

    assert "Village e-service points" in html
    assert "Rural broadband office" not in html


def test_anonymous_visitors_are_sent_to_the_sign_in_page(client, overdue):
    response = client.get(OVERDUE_URL)

    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_people_without_a_role_may_not_see_the_list(client, overdue, django_user_model):
    staff = django_user_model.objects.create_user("stan", is_staff=True)
    client.force_login(staff)

    assert client.get(OVERDUE_URL).status_code == 403


def test_the_admin_index_links_to_the_overdue_list_with_its_count(client, coordinator, overdue):
    client.force_login(coordinator)

    html = client.get("/admin/").content.decode()

    assert f'href="{OVERDUE_URL}"><span class="review-summary__count">2</span>' in html


def test_the_changelist_filter_shows_overdue_measures_in_scope(client, editor, overdue):
    client.force_login(editor)

    response = client.get("/admin/measures/measure/?review=all&verification=overdue")

    shown = {measure.title for measure in response.context["cl"].result_list}
    assert shown == {"Village e-service points"}


def test_the_change_page_offers_the_confirmation_to_the_owning_editor(client, editor, overdue):
    client.force_login(editor)

    html = client.get(f"/admin/measures/measure/{overdue['witeno'].pk}/change/").content.decode()

    assert "Still running? Confirm the facts are current" in html
    assert f'action="{confirm_url(overdue["witeno"])}"' in html


def test_confirming_resets_the_date_without_a_new_version_or_revision(client, editor, overdue):
    measure = overdue["witeno"]
    version, history = measure.version, measure.history.count()
    client.force_login(editor)

    response = client.post(confirm_url(measure))

    measure.refresh_from_db()
    assert response.status_code == 302
    assert measure.last_verified == timezone.localdate()
    assert measure.version == version
    assert measure.history.count() == history
    assert not measure.revisions.exists()
    assert measure.status == Measure.Status.PUBLISHED
    assert "now counts as verified today" in " ".join(messages_of(response))
    record = MeasureTransition.objects.get(measure=measure)
    assert (record.from_status, record.to_status, record.user) == ("published", "published", editor)


def test_the_timeline_shows_the_confirmation(client, editor, coordinator, overdue):
    measure = overdue["witeno"]
    client.force_login(editor)
    client.post(confirm_url(measure))
    client.force_login(coordinator)

    html = client.get(f"/admin/measures/measure/{measure.pk}/change/").content.decode()

    assert "erika confirmed that the facts are current" in html


def test_confirming_from_the_overdue_list_returns_to_it(client, coordinator, overdue):
    client.force_login(coordinator)

    response = client.post(confirm_url(overdue["diba"]), {"next": OVERDUE_URL})

    assert response["Location"] == OVERDUE_URL
    assert ">Rural broadband office</a>" not in client.get(OVERDUE_URL).content.decode()


def test_a_confirmed_measure_shows_its_new_date_on_the_public_page(client, editor, overdue):
    measure = overdue["witeno"]
    assert "more than a year ago" in client.get(measure.get_absolute_url()).content.decode()
    client.force_login(editor)
    client.post(confirm_url(measure))
    client.logout()

    html = client.get(measure.get_absolute_url()).content.decode()

    assert f'<time datetime="{timezone.localdate():%Y-%m-%d}">' in html
    assert "more than a year ago" not in html


def test_another_partners_editor_gets_not_found(client, other_editor, overdue):
    client.force_login(other_editor)

    response = client.post(confirm_url(overdue["witeno"]))

    assert response.status_code == 404
    overdue["witeno"].refresh_from_db()
    assert overdue["witeno"].is_verification_overdue


def test_an_editor_may_not_confirm_an_archived_measure(client, editor, witeno_region):
    archived = measure_verified(witeno_region, 400, status=Measure.Status.ARCHIVED)
    client.force_login(editor)

    response = client.post(confirm_url(archived))

    assert response.status_code == 403
    archived.refresh_from_db()
    assert archived.last_verified != timezone.localdate()


def test_anonymous_visitors_cannot_confirm(client, overdue):
    response = client.post(confirm_url(overdue["witeno"]))

    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")
    overdue["witeno"].refresh_from_db()
    assert overdue["witeno"].is_verification_overdue


def test_a_get_request_confirms_nothing(client, editor, overdue):
    client.force_login(editor)

    client.get(confirm_url(overdue["witeno"]))

    overdue["witeno"].refresh_from_db()
    assert overdue["witeno"].is_verification_overdue
