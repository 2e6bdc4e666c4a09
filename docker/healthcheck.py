"""The container's health check: exit 0 when /healthz answers 200, 1 otherwise.

It asks gunicorn inside the container directly, with the first allowed host
(Django refuses unknown hosts) and the header a TLS-terminating proxy sends
(so the HTTPS redirect does not apply).
"""

import os
import sys
import urllib.error
import urllib.request


def main():
    port = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000").rsplit(":", 1)[-1]
    hosts = [h.strip() for h in os.environ.get("DJANGO_ALLOWED_HOSTS", "").split(",")]
    host = next((h.lstrip(".") for h in hosts if h and h != "*"), "localhost")
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}/healthz",
        headers={"Host": host, "X-Forwarded-Proto": "https"},
    )
    try:
        with urllib.request.urlopen(request, timeout=4) as response:
            healthy = response.status == 200
    except (urllib.error.URLError, OSError):
        healthy = False
    return 0 if healthy else 1


if __name__ == "__main__":
    sys.exit(main())
