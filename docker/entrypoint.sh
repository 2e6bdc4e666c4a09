#!/bin/sh
# Entry point of the production image: optionally migrate, then run the command
# (by default gunicorn, see the Dockerfile's CMD).
#
# Migrations are a release step. Run them once per release, before the new app
# servers start: `docker compose run --rm migrate`, or `docker run IMAGE python
# manage.py migrate --noinput`. RUN_MIGRATIONS=1 does it here instead, for a
# single container that is its own release step; never set it on several
# replicas at once.
set -eu

if [ "${RUN_MIGRATIONS:-0}" = "1" ]; then
    echo "entrypoint: applying migrations (RUN_MIGRATIONS=1)"
    python manage.py migrate --noinput
fi

exec "$@"
