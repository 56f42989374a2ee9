FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1 \
    MENTOR_DATA_DIR=/data
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
ENV MENTOR_KNOWLEDGE_DIR=/app/knowledge
EXPOSE 8080
CMD ["mentor", "run"]
