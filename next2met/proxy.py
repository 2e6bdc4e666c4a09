"""The visitor's address as the proxy in front of the site reports it.

Behind a proxy every request comes from the proxy's own address, so the login
lockout (django-axes) would lock out everybody at once. The proxy appends the
address it saw to X-Forwarded-For; with DJANGO_TRUSTED_PROXY_COUNT proxies in
front, the entry that many places from the right is the client's. Entries
further left were written by the client and cannot be trusted.
"""

from django.conf import settings


def client_ip(request):
    remote_addr = request.META.get("REMOTE_ADDR", "")
    if not settings.BEHIND_PROXY:
        return remote_addr
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [part for part in forwarded if part]
    count = max(settings.TRUSTED_PROXY_COUNT, 1)
    if len(forwarded) >= count:
        return forwarded[-count]
    return remote_addr
