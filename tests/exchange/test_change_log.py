"""The public change log: the dates on which a measure's published text changed, and which
sections; never what a draft, an archived measure or a rejected proposal held.

Its dates are set by moving the history back in time, as a measure's life spreads
over weeks; a form's save (a record for the measure, one for each relation it
sets, moments apart) counts once.
"""

import xml.etree.ElementTree as ET

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from measures.exchange.changes import change_log, change_logs, settled
from measures.models import Measure, MeasureTransition
from measures.review import workflow
from tests.catalogues import days_ago
from tests.factories import CategoryFactory, MeasureFactory, PartnerFactory
from tests.staff import create_staff_user

pytestmark = pytest.mark.django_db

Status = Measure.Status
History = Measure.history.model
ATOM = "{http://www.w3.org/2005/Atom}"
PROPOSED = "Wording an editor proposed and a coordinator refused"


def age_history(measure, days):
    """Date every history record of the measure so far `days` ago."""
    History.objects.filter(id=measure.pk).update(history_date=days_ago(days))


def edit(measure, days, **values):
    """A coordinator's edit of the measure as it stands, saved `days` ago."""
    for name, value in values.items():
        setattr(measure, name, value)
    measure._history_date = days_ago(days)
    measure.save()


def move(measure, to_status, days):
    """A move between states as workflow.transition makes it (an UPDATE, no history), `days` ago."""
    updates = {"status": to_status}
    if to_status == Status.PUBLISHED and measure.published_at is None:
        updates["published_at"] = days_ago(days)
    record = MeasureTransition.objects.create(
        measure=measure, from_status=measure.status, to_status=to_status
    )
    MeasureTransition.objects.filter(pk=record.pk).update(created_at=days_ago(days))
    Measure.objects.filter(pk=measure.pk).update(**updates)
    measure.refresh_from_db()


@pytest.fixture
def measure(published_measure):
    """Published 30 days ago, untouched since."""
    Measure.objects.filter(pk=published_measure.pk).update(published_at=days_ago(30))
    age_history(published_measure, 30)
    published_measure.refresh_from_db()
    return published_measure


@pytest.fixture
def editor(measure):
    return create_staff_user("erika", measure.partner, "editor")


@pytest.fixture
def coordinator():
    return create_staff_user("cora", PartnerFactory(role="lead", slug="lead"), "coordinator")


def sections(measure):
    return [(change.first, change.sections) for change in change_log(measure)]


def test_a_measure_just_published_shows_its_publication_alone(measure):
    [change] = change_log(measure)

    assert change.first
    assert change.at == measure.published_at


def test_an_edit_of_the_published_text_is_listed_with_the_sections_it_changed(measure):
    edit(measure, 10, summary="A new summary.", start_year=2019)
    measure.categories.add(CategoryFactory())
    History.objects.filter(id=measure.pk, history_date__gt=days_ago(1)).update(
        history_date=days_ago(10)
    )

    assert sections(measure) == [(False, ["Summary", "Themes", "Years"]), (True, [])]
    assert timezone.localdate(change_log(measure)[0].at) == timezone.localdate(days_ago(10))


def test_a_rejected_proposal_leaves_no_trace(client, measure, editor, coordinator):
    revision = workflow.propose_revision(measure, {"summary": PROPOSED}, editor)
    workflow.reject_revision(revision, coordinator, "Not what happened.")

    assert sections(measure) == [(True, [])]
    for url in [
        f"/en/measures/{measure.slug}/",
        f"/en/measures/{measure.slug}/changes/feed/",
        "/en/measures/changes/feed/",
        f"/en/measures/{measure.slug}/embed/",
    ]:
        assert PROPOSED not in client.get(url).content.decode()


def test_an_approved_proposal_is_listed_on_the_day_it_went_online(measure, editor, coordinator):
    revision = workflow.propose_revision(measure, {"summary": "Approved wording."}, editor)
    workflow.approve_revision(revision, coordinator)

    [approved, published] = change_log(measure)

    assert approved.sections == ["Summary"]
    assert approved.at > days_ago(1)
    assert published.first


def test_edits_of_a_draft_before_its_publication_are_not_changes(region, theme):
    draft = MeasureFactory(
        region=region, categories=[theme], status=Status.DRAFT, published_at=None
    )
    age_history(draft, 20)
    edit(draft, 15, title="A better title", summary="A better summary.")
    move(draft, Status.SUBMITTED, 12)
    move(draft, Status.PUBLISHED, 10)

    [change] = change_log(draft)

    assert change.first
    assert timezone.localdate(change.at) == timezone.localdate(days_ago(10))


def test_edits_while_archived_count_from_the_day_it_is_published_again(measure):
    move(measure, Status.ARCHIVED, 20)
    edit(measure, 15, title="Renamed while archived")
    move(measure, Status.PUBLISHED, 5)

    changes = change_log(measure)

    assert [(c.first, c.sections) for c in changes] == [(False, ["Title"]), (True, [])]
    assert timezone.localdate(changes[0].at) == timezone.localdate(days_ago(5))


def test_a_hidden_measure_has_no_change_log_feed_or_card(client, measure_in_each_hidden_state):
    for hidden in measure_in_each_hidden_state.values():
        assert change_log(hidden) == []
        assert client.get(f"/en/measures/{hidden.slug}/changes/feed/").status_code == 404
        assert client.get(f"/en/measures/{hidden.slug}/embed/").status_code == 404


def test_the_measure_page_lists_its_changes_and_links_their_feed(client, measure):
    edit(measure, 10, summary="A new summary.")

    html = client.get(f"/en/measures/{measure.slug}/").content.decode()

    assert '<h2 id="changes-heading">Changes</h2>' in html
    assert "changed: Summary" in html
    assert f'href="/en/measures/{measure.slug}/changes/feed/"' in html
    assert (
        '<link rel="alternate" type="application/atom+xml" '
        f'href="http://testserver/en/measures/{measure.slug}/changes/feed/"'
    ) in html


def entries(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.content)
    return [
        (entry.find(f"{ATOM}title").text, entry.find(f"{ATOM}id").text)
        for entry in feed.iter(f"{ATOM}entry")
    ]


def test_the_measure_feed_has_an_entry_per_change_with_its_own_id(client, measure):
    edit(measure, 10, summary="A new summary.")
    edit(measure, 5, website="https://example.org/new")

    found = entries(client, f"/en/measures/{measure.slug}/changes/feed/")

    assert [title for title, _id in found] == [
        "Remote home care unit: Website changed",
        "Remote home care unit: Summary changed",
        "Remote home care unit: published",
    ]
    assert len({entry_id for _title, entry_id in found}) == 3


def test_the_recent_changes_feed_holds_changes_and_publications_of_all_measures(
    client, measure, region
):
    edit(measure, 10, summary="A new summary.")
    MeasureFactory(title="Published today", region=region)
    MeasureFactory(title="Still a draft", region=region, status=Status.DRAFT, published_at=None)

    titles = [title for title, _id in entries(client, "/en/measures/changes/feed/")]

    assert titles == [
        "Published today: published",
        "Remote home care unit: Summary changed",
        "Remote home care unit: published",
    ]


def test_the_change_log_of_many_measures_takes_two_queries(
    django_assert_num_queries, measure, region
):
    for number in range(5):
        edit(MeasureFactory(region=region), 3, summary=f"Changed {number}")
    measures = list(Measure.objects.published())

    with django_assert_num_queries(2):
        logs = change_logs(measures)

    assert len(logs) == 6


def test_a_measure_loaded_without_history_shows_its_page_and_its_publication(client, measure):
    # `loaddata` writes no history records and no moves: the seed's measures have none.
    History.objects.filter(id=measure.pk).delete()
    MeasureTransition.objects.filter(measure=measure).delete()

    # The measure's own published_at still dates its publication.
    assert [(change.first, change.sections) for change in change_log(measure)] == [(True, [])]
    assert client.get(measure.get_absolute_url()).status_code == 200


def test_no_published_version_settles_to_none():
    assert settled([]) == []


def test_the_first_edit_of_a_measure_loaded_without_history_is_logged_without_sections(measure):
    History.objects.filter(id=measure.pk).delete()
    MeasureTransition.objects.filter(measure=measure).delete()

    edit(measure, 10, summary="A new summary.")
    edit(measure, 5, website="https://example.org/new")

    assert sections(measure) == [
        (False, ["Website"]),
        (False, ["the text (which sections is not recorded)"]),
        (True, []),
    ]


def test_section_names_are_capitalised_alike(measure):
    edit(measure, 10, problem="A problem told anew.", summary="A new summary.")

    [changed, _published] = change_log(measure)
    assert changed.sections == ["Summary", "Problem addressed"]
    assert all(name[0].isupper() for name in changed.sections)


def history_queries(client, url):
    """The queries of one view of `url` that read a measure's history or its moves."""
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return [
        query["sql"]
        for query in queries.captured_queries
        if "measures_historicalmeasure" in query["sql"]
        or "measures_measuretransition" in query["sql"]
    ]


def test_the_measure_page_reads_its_change_log_once_per_content_version(client, measure, settings):
    settings.N2M_PAGE_CACHE_TIMEOUT = 0  # every view renders the page
    edit(measure, 10, summary="A new summary.")
    url = f"/en/measures/{measure.slug}/"

    assert len(history_queries(client, url)) == 2
    assert history_queries(client, url) == []
    assert "changed: Summary" in client.get(url).content.decode()


def test_an_edit_is_in_the_change_log_of_the_next_view(client, measure, settings):
    settings.N2M_PAGE_CACHE_TIMEOUT = 0
    url = f"/en/measures/{measure.slug}/"
    assert "changed:" not in client.get(url).content.decode()

    edit(measure, 1, summary="A new summary.")

    assert "changed: Summary" in client.get(url).content.decode()


def test_the_change_log_names_its_sections_in_each_page_language(client, measure, settings):
    settings.N2M_PAGE_CACHE_TIMEOUT = 0
    edit(measure, 10, summary="A new summary.")

    assert "changed: Summary" in client.get(f"/en/measures/{measure.slug}/").content.decode()
    assert "geändert: Kurzbeschreibung" in (
        client.get(f"/de/measures/{measure.slug}/").content.decode()
    )
