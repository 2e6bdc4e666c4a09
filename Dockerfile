# Production image: gunicorn serves the app, whitenoise serves the static files.
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
RUN pip install --no-deps . \
    && DJANGO_SECRET_KEY=collectstatic-only python manage.py collectstatic --noinput \
    && useradd --system --uid 1000 --home-dir /app next2met \
    && mkdir -p /app/media \
    && chown next2met /app/media

USER next2met
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s \
    CMD python -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/healthz', timeout=4)"

# Migrations are a release step: `docker run IMAGE python manage.py migrate`.
CMD ["gunicorn", "--config", "next2met/gunicorn.conf.py", "next2met.wsgi"]
