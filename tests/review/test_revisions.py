"""Changes to a published measure wait for a coordinator; the public keeps the published text."""

import re

import pytest

from measures.models import Measure, MeasureRevision
from tests.staff import (
    change_form_data,
    change_url,
    form_errors,
    messages_of,
    public_url,
    revision_url,
)

pytestmark = pytest.mark.django_db

Status = Measure.Status
PUBLISHED_TEXT = "Nurses visit older people at home by video."
PROPOSED_TEXT = "Nurses and physiotherapists visit older people at home by video."


@pytest.fixture
def published(make_measure):
    return make_measure(partner="a", status=Status.PUBLISHED, description=PUBLISHED_TEXT)


def propose(client, measure, **changes):
    """Post the measure's change form with `changes`, as its editor would."""
    measure = Measure.objects.get(pk=measure.pk)
    return client.post(change_url(measure), change_form_data(measure, **changes))


def diff_rows(html):
    """(field, published, proposed) of the diff table, as text."""
    rows = re.findall(
        r'<tr><th scope="row">(.*?)</th><td class="diff__old">(.*?)</td>'
        r'<td class="diff__new">(.*?)</td></tr>',
        html,
    )
    return [tuple(re.sub(r"<[^>]+>", "", cell) for cell in row) for row in rows]


def test_editors_change_waits_and_the_public_keeps_the_published_text(client, editor, published):
    client.force_login(editor)

    response = propose(client, published, description=PROPOSED_TEXT)

    assert response.status_code == 302, form_errors(response)
    assert response["Location"] == change_url(published)
    assert messages_of(response) == [
        "Your changes are waiting for a coordinator's approval. "
        "The published text stays online until then."
    ]
    revision = MeasureRevision.objects.get(measure=published)
    assert revision.status == MeasureRevision.Status.PENDING
    assert revision.created_by == editor
    assert revision.data["description"] == PROPOSED_TEXT
    published.refresh_from_db()
    assert published.description == PUBLISHED_TEXT
    assert published.status == Status.PUBLISHED

    client.logout()
    page = client.get(public_url(published)).content.decode()
    assert PUBLISHED_TEXT in page
    assert PROPOSED_TEXT not in page


def test_editor_reopening_the_form_sees_the_proposed_text(client, editor, published):
    client.force_login(editor)
    propose(client, published, description=PROPOSED_TEXT)

    response = client.get(change_url(published))

    html = response.content.decode()
    assert re.search(rf'<textarea name="description"[^>]*>\s*{PROPOSED_TEXT}</textarea>', html)
    assert "When you save, your changes wait for a coordinator's approval" in html


def test_coordinator_sees_the_change_field_by_field(client, editor, coordinator, published):
    client.force_login(editor)
    propose(client, published, description=PROPOSED_TEXT, funding="ERDF")
    client.force_login(coordinator)

    html = client.get(change_url(published)).content.decode()

    assert "Changes proposed by erika" in html
    assert diff_rows(html) == [
        ("Description", PUBLISHED_TEXT, PROPOSED_TEXT),
        ("Funding details", "", "ERDF"),
    ]
    assert "<ins>and physiotherapists</ins>" in html
    assert "Approve and publish the changes" in html


def test_proposed_markup_is_shown_as_text_to_the_coordinator(
    client, editor, coordinator, published
):
    client.force_login(editor)
    propose(client, published, description='Video <script>alert("x")</script> visits.')
    client.force_login(coordinator)

    html = client.get(change_url(published)).content.decode()

    assert '<script>alert("x")</script>' not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html


def test_approval_publishes_the_change_with_one_new_history_record(
    client, editor, coordinator, published, target_group
):
    second_group = type(target_group).objects.create(name="Carers", slug="carers")
    client.force_login(editor)
    propose(
        client,
        published,
        description=PROPOSED_TEXT,
        target_groups=[target_group.pk, second_group.pk],
    )
    versions_before = published.history.count()
    version_before = Measure.objects.get(pk=published.pk).version
    client.force_login(coordinator)

    response = client.post(revision_url(published), {"approve": "1", "comment": "Thanks."})

    assert response.status_code == 302
    assert "The changes are published." in messages_of(response)
    published.refresh_from_db()
    assert published.description == PROPOSED_TEXT
    assert set(published.target_groups.values_list("slug", flat=True)) == {
        target_group.slug,
        "carers",
    }
    assert published.status == Status.PUBLISHED
    assert published.version == version_before + 1
    assert published.history.count() == versions_before + 1
    revision = MeasureRevision.objects.get(measure=published)
    assert (revision.status, revision.decided_by, revision.comment) == (
        MeasureRevision.Status.APPROVED,
        coordinator,
        "Thanks.",
    )
    client.logout()
    assert PROPOSED_TEXT in client.get(public_url(published)).content.decode()


def test_rejection_needs_a_comment_and_leaves_the_text(client, editor, coordinator, published):
    client.force_login(editor)
    propose(client, published, description=PROPOSED_TEXT)
    client.force_login(coordinator)

    without_reason = client.post(revision_url(published), {"reject": "1", "comment": " "})

    assert "Say why the changes are rejected: the editors will read it." in messages_of(
        without_reason
    )
    assert MeasureRevision.objects.get(measure=published).status == "pending"

    with_reason = client.post(
        revision_url(published), {"reject": "1", "comment": "Physiotherapy is not offered yet."}
    )

    assert "The changes were rejected." in messages_of(with_reason)
    revision = MeasureRevision.objects.get(measure=published)
    assert (revision.status, revision.comment) == (
        MeasureRevision.Status.REJECTED,
        "Physiotherapy is not offered yet.",
    )
    published.refresh_from_db()
    assert published.description == PUBLISHED_TEXT


def test_a_second_proposal_replaces_the_first(client, editor, colleague, published):
    client.force_login(editor)
    propose(client, published, description="First wording.")
    client.force_login(colleague)

    propose(client, published, description="Second wording.")

    revision = MeasureRevision.objects.get(measure=published)
    assert revision.status == MeasureRevision.Status.PENDING
    assert revision.data["description"] == "Second wording."
    assert revision.created_by == colleague


def test_proposing_the_published_values_again_withdraws_the_proposal(client, editor, published):
    client.force_login(editor)
    propose(client, published, description=PROPOSED_TEXT)

    response = propose(client, published, description=PUBLISHED_TEXT)

    assert messages_of(response)[-1] == "Nothing was changed."
    assert not MeasureRevision.objects.filter(measure=published).exists()


@pytest.mark.parametrize("decision", ["approve", "reject"])
def test_editor_cannot_decide_on_changes(client, editor, published, decision):
    client.force_login(editor)
    propose(client, published, description=PROPOSED_TEXT)

    response = client.post(revision_url(published), {decision: "1", "comment": "Fine by me."})

    assert response.status_code in (302, 403)
    if response.status_code == 302:
        assert any("Only coordinators" in text for text in messages_of(response))
    assert MeasureRevision.objects.get(measure=published).status == "pending"
    published.refresh_from_db()
    assert published.description == PUBLISHED_TEXT


def test_other_partners_editor_cannot_see_or_decide_on_changes(
    client, editor, other_editor, published
):
    client.force_login(editor)
    propose(client, published, description=PROPOSED_TEXT)
    client.force_login(other_editor)

    response = client.post(revision_url(published), {"approve": "1"})

    assert response.status_code == 404
    assert MeasureRevision.objects.get(measure=published).status == "pending"


def test_editor_cannot_change_partner_or_links_of_a_published_measure(
    client, editor, partner_b, published
):
    client.force_login(editor)

    response = propose(
        client,
        published,
        description=PROPOSED_TEXT,
        partner=partner_b.pk,
        **{
            "links-TOTAL_FORMS": "1",
            "links-0-title": "Sneaky link",
            "links-0-url": "https://example.org/sneaky",
        },
    )

    assert response.status_code == 302, form_errors(response)
    published.refresh_from_db()
    assert published.partner.slug == "witeno"
    assert not published.links.exists()
    revision = MeasureRevision.objects.get(measure=published)
    assert "partner" not in revision.data


def test_an_editors_note_and_documentation_level_wait_for_review_like_the_texts(
    client, editor, published
):
    client.force_login(editor)

    response = propose(
        client,
        published,
        information_note="The start year could not be found.",
        documentation_level="thinly",
    )

    assert response.status_code == 302, form_errors(response)
    revision = MeasureRevision.objects.get(measure=published)
    assert revision.data["information_note"] == "The start year could not be found."
    assert revision.data["documentation_level"] == "thinly"
    published.refresh_from_db()
    assert (published.information_note, published.documentation_level) == ("", "")
