FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1
WORKDIR /app

COPY requirements.lock ./
RUN pip install -r requirements.lock

COPY pyproject.toml README.md ./
COPY bot ./bot
COPY adapters ./adapters
COPY mentor ./mentor
COPY knowledge ./knowledge
RUN pip install --no-deps . \
    && useradd --create-home --uid 10001 mentor \
    && mkdir -p /data && chown mentor:mentor /data

USER mentor
VOLUME ["/data"]
# Health and metrics must be reachable from outside the container (published on the
# host's loopback by compose.yaml); everything else as outside one.
ENV MENTOR_DATA_DIR=/data \
    MENTOR_KNOWLEDGE_DIR=/app/knowledge \
    MENTOR_HTTP_HOST=0.0.0.0 \
    MENTOR_HEALTH_PORT=8080 \
    MENTOR_LOG_FORMAT=json
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=10s --start-period=60s --retries=3 \
    CMD ["python", "-m", "bot.ops.probe"]
STOPSIGNAL SIGTERM
CMD ["mentor", "run"]
