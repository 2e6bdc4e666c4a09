"""The review pages of the measure admin: moves between states, revisions, versions, freshness.

Each view takes the `MeasureAdmin` it serves, so it sees only what that admin's
`get_queryset()` (that is, `measures.review.permissions`) lets the person see.
Moves between states go through `measures.review.workflow`.
"""

from functools import partial

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import F
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from measures.admin.forms import ReasonForm, posted_comment
from measures.models import Measure, MeasureRevision
from measures.models.measure import verification_cutoff
from measures.review import freshness, permissions, workflow

Status = Measure.Status

# What a refused move raises: not allowed, incomplete, or overtaken by someone else.
REFUSED = (PermissionDenied, ValidationError, workflow.WorkflowError)


def urls(model_admin):
    """The review pages, to come before the admin's own URLs (`<path:object_id>/` last)."""

    def view(function):
        return model_admin.admin_site.admin_view(partial(function, model_admin))

    return [
        path("review-queue/", view(review_queue_view), name="measures_measure_review_queue"),
        path(
            "<path:object_id>/transition/",
            view(transition_view),
            name="measures_measure_transition",
        ),
        path("<path:object_id>/revision/", view(revision_view), name="measures_measure_revision"),
        path(
            "<path:object_id>/history/compare/",
            view(compare_view),
            name="measures_measure_compare",
        ),
        path("verification-overdue/", view(overdue_view), name="measures_measure_overdue"),
        path(
            "<path:object_id>/confirm-current/",
            view(confirm_current_view),
            name="measures_measure_confirm_current",
        ),
    ]


def change_page_context(user, obj):
    """What the change page's workflow panel, pending revision and timeline show."""
    context = {
        "can_submit_for_review": (obj is None and permissions.can_create(user))
        or (obj is not None and permissions.can_transition(user, obj, Status.SUBMITTED))
    }
    if obj is None:
        return context
    pending = workflow.pending_revision(obj)
    moves = [
        (status, status.label)
        for status in permissions.allowed_transitions(user, obj)
        if status != Status.SUBMITTED
    ]
    return {
        **context,
        "workflow_moves": moves,
        # The decision on a submitted measure goes with a message to its editors (needed
        # to ask for changes), so its buttons sit under the one comment box; the other
        # moves (archive, publish again) need none.
        "decision_moves": moves if obj.status == Status.SUBMITTED else [],
        "other_moves": [] if obj.status == Status.SUBMITTED else moves,
        "can_submit_now": permissions.can_transition(user, obj, Status.SUBMITTED),
        "pending_revision": pending,
        "pending_diff": workflow.revision_diff(pending) if pending else [],
        "can_review": permissions.can_review(user),
        "timeline": obj.transitions.select_related("user")[:50],
        "preview_url": obj.get_absolute_url(),
        "is_revision_mode": permissions.can_propose_revision(user, obj),
        "can_confirm_current": permissions.can_confirm_current(user, obj),
    }


def error_text(error):
    """A refused move's reason, as one line for the person who tried."""
    if isinstance(error, ValidationError):
        return " ".join(error.messages)
    return str(error)


def _visible_or_404(model_admin, request, object_id):
    try:
        return get_object_or_404(model_admin.get_queryset(request), pk=object_id)
    except (ValueError, ValidationError):
        # An address like .../1/change/history/compare/: no measure has that id.
        raise Http404 from None


def _change_url(object_id):
    return reverse("admin:measures_measure_change", args=[object_id])


def _page(model_admin, request, template, title, **context):
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.opts,
        "title": title,
        **context,
    }
    return TemplateResponse(request, f"admin/measures/measure/{template}", context)


def transition_view(model_admin, request, object_id):
    if request.method != "POST":
        return HttpResponseRedirect(_change_url(object_id))
    measure = _visible_or_404(model_admin, request, object_id)
    to_status = request.POST.get("to_status", "")
    if to_status not in Status.values:
        raise Http404
    try:
        comment = posted_comment(request)
        workflow.transition(measure, to_status, request.user, comment)
    except REFUSED as error:
        model_admin.message_user(request, error_text(error), messages.ERROR)
    else:
        model_admin.message_user(
            request,
            _("“%(title)s” is now %(status)s.")
            % {"title": measure.title, "status": measure.get_status_display()},
            messages.SUCCESS,
        )
    return HttpResponseRedirect(_change_url(measure.pk))


def revision_view(model_admin, request, object_id):
    measure = _visible_or_404(model_admin, request, object_id)
    change_url = _change_url(measure.pk)
    if request.method != "POST":
        return HttpResponseRedirect(change_url)
    revision = workflow.pending_revision(measure)
    if revision is None:
        model_admin.message_user(request, _("There are no pending changes."), messages.WARNING)
        return HttpResponseRedirect(change_url)
    try:
        comment = posted_comment(request)
        if "approve" in request.POST:
            workflow.approve_revision(revision, request.user, comment)
            model_admin.message_user(request, _("The changes are published."), messages.SUCCESS)
        else:
            workflow.reject_revision(revision, request.user, comment)
            model_admin.message_user(request, _("The changes were rejected."), messages.SUCCESS)
    except REFUSED as error:
        model_admin.message_user(request, error_text(error), messages.ERROR)
    return HttpResponseRedirect(change_url)


def compare_view(model_admin, request, object_id):
    measure = _visible_or_404(model_admin, request, object_id)
    records = measure.history.select_related("history_user")
    try:
        old = records.get(history_id=request.GET.get("old"))
        new = records.get(history_id=request.GET.get("new"))
    except (measure.history.model.DoesNotExist, ValueError, ValidationError):
        raise Http404 from None
    if old.history_date > new.history_date:
        old, new = new, old
    delta = new.diff_against(old, foreign_keys_are_objs=True)
    rows = []
    for change in delta.changes:
        if workflow.comparable(change.old) == workflow.comparable(change.new):
            continue  # only the line endings differ
        field = Measure._meta.get_field(change.field)
        rows.append((field.verbose_name, _show(field, change.old), _show(field, change.new)))
    title = _("Compare versions of “%(title)s”") % {"title": measure.title}
    return _page(
        model_admin, request, "compare.html", title, measure=measure, old=old, new=new, rows=rows
    )


def _show(field, value):
    if field.many_to_many:
        return ", ".join(sorted(str(item) for item in value))
    if value in (None, ""):
        return ""
    if field.choices:
        return dict(field.flatchoices).get(value, value)
    return str(value)


def review_queue_view(model_admin, request):
    if not permissions.can_review(request.user):
        raise PermissionDenied
    submitted = (
        model_admin.get_queryset(request)
        .filter(status=Status.SUBMITTED)
        .order_by(F("submitted_at").asc(nulls_first=True), "pk")
    )
    revisions = (
        MeasureRevision.objects.filter(status=MeasureRevision.Status.PENDING)
        .select_related("measure", "measure__partner", "created_by")
        .order_by("created_at")
    )
    return _page(
        model_admin,
        request,
        "review_queue.html",
        _("Review queue"),
        submitted=submitted,
        revisions=revisions,
        now=timezone.now(),
    )


def overdue_view(model_admin, request):
    if not permissions.works_on_measures(request.user):
        raise PermissionDenied
    measures = list(
        model_admin.get_queryset(request)
        .verification_overdue()
        .order_by("last_verified", "published_at", "title")
    )
    for measure in measures:
        measure.can_confirm_current = permissions.can_confirm_current(request.user, measure)
    return _page(
        model_admin,
        request,
        "overdue.html",
        _("Measures not verified for a year"),
        measures=measures,
        cutoff=verification_cutoff(),
        today=timezone.localdate(),
        is_coordinator=permissions.can_review(request.user),
    )


def confirm_current_view(model_admin, request, object_id):
    change_url = _change_url(object_id)
    measure = _visible_or_404(model_admin, request, object_id)
    if request.method != "POST":
        return HttpResponseRedirect(change_url)
    try:
        freshness.confirm_current(measure, request.user)
    except workflow.WorkflowError as error:
        model_admin.message_user(request, str(error), messages.ERROR)
    else:
        model_admin.message_user(
            request,
            _("Thank you: “%(title)s” now counts as verified today.") % {"title": measure.title},
            messages.SUCCESS,
        )
    back = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(
        back, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        back = change_url
    return HttpResponseRedirect(back)


# Bulk actions of the measure list (coordinators only: MeasureAdmin.get_actions)


def _bulk_transition(model_admin, request, queryset, to_status, comment=""):
    moved, skipped = 0, []
    for measure in queryset:
        try:
            workflow.transition(measure, to_status, request.user, comment)
        except REFUSED:
            skipped.append(measure.title)
        else:
            moved += 1
    if moved:
        model_admin.message_user(
            request,
            ngettext(
                "%(count)d measure is now %(status)s.",
                "%(count)d measures are now %(status)s.",
                moved,
            )
            % {"count": moved, "status": Status(to_status).label},
            messages.SUCCESS,
        )
    if skipped:
        model_admin.message_user(
            request,
            _("Left unchanged because their state does not allow it: %(titles)s")
            % {"titles": "; ".join(skipped)},
            messages.WARNING,
        )


@admin.action(description=_("Publish the selected measures"))
def publish_selected(model_admin, request, queryset):
    _bulk_transition(model_admin, request, queryset, Status.PUBLISHED)


@admin.action(description=_("Request changes to the selected measures"))
def request_changes_selected(model_admin, request, queryset):
    form = ReasonForm(request.POST if "reason" in request.POST else None)
    if form.is_bound and form.is_valid():
        reason = form.cleaned_data["reason"]
        _bulk_transition(model_admin, request, queryset, Status.CHANGES_REQUESTED, reason)
        return None
    return _page(
        model_admin,
        request,
        "request_changes.html",
        _("Request changes"),
        form=form,
        measures=queryset,
        action_checkbox_name=admin.helpers.ACTION_CHECKBOX_NAME,
    )


@admin.action(description=_("Archive the selected measures"))
def archive_selected(model_admin, request, queryset):
    _bulk_transition(model_admin, request, queryset, Status.ARCHIVED)


BULK_ACTIONS = [publish_selected, request_changes_selected, archive_selected]
