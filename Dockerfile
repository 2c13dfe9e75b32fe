# SAKIP web and worker image. Configuration comes from the environment at run time (see
# docs/deployment.md); nothing secret is baked in.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

# WeasyPrint renders PDFs with Pango (and HarfBuzz, fontconfig); the fonts the documents use are
# shipped under static/fonts, DejaVu is only a fallback.
RUN apt-get update \
    && apt-get install -y --no-install-recommends \
        libpango-1.0-0 \
        libpangoft2-1.0-0 \
        libharfbuzz0b \
        libharfbuzz-subset0 \
        libfontconfig1 \
        fonts-dejavu-core \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /app

# Dependencies first (cached while pyproject.toml is unchanged). pyproject.toml is the one list of
# dependency ranges; the image adds the s3 extra so STORAGE_BACKEND=s3 works.
COPY pyproject.toml ./
RUN python -c 'import tomllib; p = tomllib.load(open("pyproject.toml", "rb"))["project"]; print("\n".join(p["dependencies"] + p["optional-dependencies"]["s3"]))' > /tmp/requirements.txt \
    && pip install -r /tmp/requirements.txt \
    && rm /tmp/requirements.txt

COPY . .

# Static files are collected at build time (whitenoise serves them, hashed and compressed). The
# settings refuse to load without SECRET_KEY when DEBUG is off, so the build uses a dummy one
# that exists only in this step.
ENV STATIC_ROOT=/app/staticfiles \
    SAKIP_VAR_DIR=/app/var \
    MEDIA_ROOT=/app/var/media
RUN DEBUG=false SECRET_KEY=build-only-not-secret python manage.py collectstatic --noinput \
    && rm -rf /app/var

RUN groupadd --system sakip \
    && useradd --system --gid sakip --home-dir /app --no-create-home --shell /usr/sbin/nologin sakip \
    && mkdir -p /app/var/media \
    && chown -R sakip:sakip /app/var
USER sakip

EXPOSE 8000
# Worker processes: WEB_CONCURRENCY (read by gunicorn; 1 when unset, 2 × CPUs + 1 is usual).
CMD ["gunicorn", "sakip.wsgi:application", "--bind", "0.0.0.0:8000", "--access-logfile", "-", "--timeout", "60"]
