"""The change form's error summary: every problem of a refused save in one list at the top.

Django's admin says "Please correct the errors below" and leaves the person to
scroll for them; on an incomplete "Save and send to review" they may be many,
spread over the fieldsets and the inlines. The summary names each field with its
message and links to it, as the GOV.UK design system's error summary does.
"""

from django import template

register = template.Library()


@register.inclusion_tag("admin/measures/measure/error_summary.html")
def error_summary(adminform, inline_admin_formsets=()):
    """{"problems": [(label, message, anchor)]} for the form and its inlines."""
    form = adminform.form
    problems = [(None, message, None) for message in form.non_field_errors()]
    for name, messages in form.errors.items():
        if name == "__all__" or name not in form.fields:
            continue
        field = form[name]
        anchor = field.id_for_label or field.auto_id
        problems += [(field.label, message, anchor) for message in messages]
    for inline in inline_admin_formsets:
        formset = inline.formset
        group = f"{formset.prefix}-group"
        title = inline.opts.verbose_name_plural
        problems += [(title, message, group) for message in formset.non_form_errors()]
        for subform in formset.forms:
            for name, messages in subform.errors.items():
                label = subform.fields[name].label if name in subform.fields else None
                text = f"{title} – {label}" if label else title
                problems += [(text, message, group) for message in messages]
    return {"problems": problems}
