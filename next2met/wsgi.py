"""WSGI entry point, used by gunicorn: `gunicorn next2met.wsgi`."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "next2met.settings")

application = get_wsgi_application()
