"""The outbox in the admin: operators see queued, sent and failed mails and requeue them.

django-post-office registers its models; here they are registered again so that
only operators (superusers, `permissions.can_read_outbox`) see them, whatever
permissions a group is given: the mails hold other people's addresses and
messages. Requeuing a mail starts its retries over (next2met.outbox.delivery).
"""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from post_office import admin as post_office_admin
from post_office.models import Attachment, Email, EmailTemplate, Log

from measures.review.permissions import can_read_outbox
from next2met.outbox import delivery


class OperatorsOnly:
    """Admin permissions for operators alone, on top of the model permissions."""

    def has_module_permission(self, request):
        return can_read_outbox(request.user) and super().has_module_permission(request)

    def has_view_permission(self, request, obj=None):
        return can_read_outbox(request.user) and super().has_view_permission(request, obj)

    def has_add_permission(self, request, *args):
        return can_read_outbox(request.user) and super().has_add_permission(request, *args)

    def has_change_permission(self, request, obj=None):
        return can_read_outbox(request.user) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return can_read_outbox(request.user) and super().has_delete_permission(request, obj)


@admin.action(description=_("Send again now, with every retry ahead"), permissions=["change"])
def requeue(modeladmin, request, queryset):
    count = delivery.requeue(queryset)
    modeladmin.message_user(
        request,
        ngettext(
            "%(count)d mail is back in the queue.",
            "%(count)d mails are back in the queue.",
            count,
        )
        % {"count": count},
    )


class EmailAdmin(OperatorsOnly, post_office_admin.EmailAdmin):
    list_display = [
        "to_display",
        "shortened_subject",
        "status",
        "number_of_retries",
        "created",
        "last_updated",
        "scheduled_time",
    ]
    actions = [requeue]


class LogAdmin(OperatorsOnly, post_office_admin.LogAdmin):
    pass


class EmailTemplateAdmin(OperatorsOnly, post_office_admin.EmailTemplateAdmin):
    pass


class AttachmentAdmin(OperatorsOnly, post_office_admin.AttachmentAdmin):
    pass


for model, model_admin in [
    (Email, EmailAdmin),
    (Log, LogAdmin),
    (EmailTemplate, EmailTemplateAdmin),
    (Attachment, AttachmentAdmin),
]:
    admin.site.unregister(model)
    admin.site.register(model, model_admin)
