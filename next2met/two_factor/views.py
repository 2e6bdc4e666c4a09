"""Setting up an authenticator app and checking its code after the password."""

import segno
from django import forms
from django.contrib import admin, messages
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from django_otp import devices_for_user
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from next2met.two_factor.rules import DEVICE_NAME, has_device, is_required


class TokenForm(forms.Form):
    token = forms.CharField(
        label=_("Code from the app"),
        max_length=8,
        help_text=_("The six digits your authenticator app shows now."),
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "inputmode": "numeric",
                "pattern": "[0-9]*",
                "autofocus": True,
            }
        ),
    )

    def clean_token(self):
        token = self.cleaned_data["token"].replace(" ", "")
        if not token.isdigit():
            raise forms.ValidationError(_("The code is made of digits only."))
        return token


def _next_url(request):
    target = request.POST.get("next") or request.GET.get("next") or ""
    allowed = url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return target if allowed else reverse("admin:index")


def _render(request, template, context):
    context = {
        **admin.site.each_context(request),
        "next": _next_url(request),
        **context,
    }
    return render(request, template, context)


def _refusal(device):
    """Why the device refuses to check codes now (too many wrong ones), or None."""
    allowed, details = device.verify_is_allowed()
    if allowed:
        return None
    return (details or {}).get("error_message") or _(
        "Too many wrong codes in a row. Wait a moment, then try again."
    )


def setup(request):
    """Show a new secret as a QR code; a correct code from the app confirms it."""
    user = request.user
    if has_device(user):
        if not user.is_verified():
            return HttpResponseRedirect(f"{reverse('two_factor:verify')}?{request.GET.urlencode()}")
        return _render(
            request,
            "admin/two_factor/setup_done.html",
            {"title": _("Two-step sign-in"), "devices": list(devices_for_user(user))},
        )

    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("-pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        refusal = _refusal(device)
        if refusal:
            form.add_error("token", refusal)
        elif device.verify_token(form.cleaned_data["token"]):
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            TOTPDevice.objects.filter(user=user, confirmed=False).delete()
            otp_login(request, device)
            messages.success(
                request, _("Two-step sign-in is on. The admin will ask for a code at each sign-in.")
            )
            return HttpResponseRedirect(_next_url(request))
        else:
            form.add_error("token", _("This code is not right. Check the app and try again."))

    qr = segno.make(device.config_url, error="m")
    context = {
        "title": _("Set up two-step sign-in"),
        "form": form,
        "required": is_required(user),
        # segno writes the SVG from the device's own URL: no user text goes into it.
        "qr_svg": mark_safe(qr.svg_inline(scale=4, dark="#000", light="#fff")),
        "secret": _grouped(device.config_url),
    }
    return _render(request, "admin/two_factor/setup.html", context)


def verify(request):
    """Ask for a code from the person's app before the admin opens."""
    user = request.user
    if user.is_verified():
        return HttpResponseRedirect(_next_url(request))
    devices = list(devices_for_user(user, confirmed=True))
    if not devices:
        return HttpResponseRedirect(f"{reverse('two_factor:setup')}?{request.GET.urlencode()}")
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        for device in devices:
            refusal = _refusal(device)
            if refusal:
                form.add_error("token", refusal)
                break
            if device.verify_token(form.cleaned_data["token"]):
                otp_login(request, device)
                return HttpResponseRedirect(_next_url(request))
        else:
            form.add_error("token", _("This code is not right. Check the app and try again."))
    return _render(
        request, "admin/two_factor/verify.html", {"title": _("Two-step sign-in"), "form": form}
    )


def _grouped(config_url):
    """The base32 secret of an otpauth:// URL, in groups of four for typing by hand."""
    secret = config_url.split("secret=", 1)[1].split("&", 1)[0]
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


setup_view = admin.site.admin_view(setup)
verify_view = admin.site.admin_view(verify)
