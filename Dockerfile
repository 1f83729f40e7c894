# The app image: gunicorn serving config.wsgi, static files by whitenoise, as a non-root user.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1
WORKDIR /app

COPY pyproject.toml README.md ./
COPY config ./config
COPY eligibility ./eligibility
COPY occupations ./occupations
COPY supervision ./supervision
COPY rulesadmin ./rulesadmin
COPY security ./security
# WeasyPrint (the record's PDF) needs Pango and a font.
RUN apt-get update && apt-get install -y --no-install-recommends \
        libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core \
    && rm -rf /var/lib/apt/lists/*
RUN pip install .

COPY manage.py ./
COPY templates ./templates
COPY static ./static
COPY locale ./locale
RUN SECRET_KEY=collectstatic-only DEBUG=false python manage.py collectstatic --no-input -v0

RUN useradd --system --uid 10001 --home-dir /app desk && chown -R desk /app
USER desk

EXPOSE 8000
# Migrations on start, one container at a time (config/migrate_locked.py holds a PostgreSQL advisory
# lock around manage.py migrate); MIGRATE_ON_START=false leaves them to a one-off run.
CMD ["sh", "-c", "if [ \"${MIGRATE_ON_START:-true}\" != false ]; then python -m config.migrate_locked || exit 1; fi; exec gunicorn config.wsgi --config python:config.gunicorn --bind 0.0.0.0:8000 --workers ${WEB_CONCURRENCY:-3} --access-logfile -"]
