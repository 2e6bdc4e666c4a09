# Production image: gunicorn serves the app, whitenoise serves the static files.
# Media files (uploads) live in /app/media, a volume the web server in front serves.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

WORKDIR /app

# Dependencies first, in their own layer, so code changes do not reinstall them.
COPY pyproject.toml README.md ./
RUN mkdir next2met measures partners \
    && touch next2met/__init__.py measures/__init__.py partners/__init__.py \
    && pip install . \
    && pip uninstall -y next2met

COPY . .
# collectstatic needs settings that pass the production checks; these values are
# thrown away with the build step and never reach the running container.
RUN pip install --no-deps . \
    && DJANGO_SECRET_KEY="$(python -c 'import secrets; print(secrets.token_urlsafe(50))')" \
       DJANGO_ALLOWED_HOSTS=build.invalid \
       python manage.py collectstatic --noinput \
    && useradd --system --uid 1000 --no-create-home --home-dir /nonexistent next2met \
    && mkdir -p /app/media \
    && chown next2met /app/media \
    && chmod 0755 docker/entrypoint.sh

USER next2met
EXPOSE 8000
VOLUME ["/app/media"]
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
    CMD ["python", "docker/healthcheck.py"]

# RUN_MIGRATIONS=1 makes the entry point migrate first; see docker/entrypoint.sh.
# The same image runs the mail worker with the command
# `python manage.py deliver_mail` (compose.yaml's worker service); it stops on SIGTERM.
ENTRYPOINT ["docker/entrypoint.sh"]
CMD ["gunicorn", "--config", "next2met/gunicorn.conf.py", "next2met.wsgi"]
