"""ETag and Last-Modified on public detail pages, and 304 when the visitor's copy is current.

A detail page shows more than its own row (region, partner, themes, related
measures), so its validators follow the content version rather than the
measure's `updated_at` alone: the ETag hashes the version, the release, the
language, the measure and the visitor, and Last-Modified is the later of the
measure's last change and the catalogue's. `Cache-Control: no-cache` makes
browsers ask every time, cheaply: the answer is a 304 without a body.

An unpublished measure shown to staff as a preview gets neither: it is private.
"""

import hashlib
import math

from django.utils import translation
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date

from measures.caching import content_version


def validators(request, obj):
    """(ETag, Last-Modified timestamp) of the public page of `obj` for this visitor."""
    user = getattr(request, "user", None)
    identity = ":".join(
        [
            str(content_version.current()),
            content_version.release(),
            translation.get_language() or "",
            obj._meta.label,
            str(obj.pk),
            str(getattr(user, "pk", None) or "anonymous"),
        ]
    )
    etag = f'"{hashlib.sha256(identity.encode()).hexdigest()[:32]}"'
    times = [content_version.changed_at()]
    if getattr(obj, "updated_at", None) is not None:
        times.append(math.ceil(obj.updated_at.timestamp()))
    times = [t for t in times if t is not None]
    return etag, (max(times) if times else None)


class ConditionalGetMixin:
    """For a DetailView: answer 304 before rendering when the visitor's copy is current."""

    def is_private(self):
        return getattr(self, "is_preview", False)

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        if self.is_private():
            return self.render_to_response(self.get_context_data(object=self.object))
        etag, last_modified = validators(request, self.object)
        response = get_conditional_response(request, etag=etag, last_modified=last_modified)
        if response is None:
            response = self.render_to_response(self.get_context_data(object=self.object))
        response["ETag"] = etag
        if last_modified is not None:
            response["Last-Modified"] = http_date(last_modified)
        patch_cache_control(response, no_cache=True)
        return response
