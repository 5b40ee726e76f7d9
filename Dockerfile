# corpusbot: the Discord bot / terminal Q&A over a news corpus, with its embedding model inside.
FROM python:3.11-slim AS build
ENV UV_LINK_MODE=copy \
    UV_SYSTEM_CERTS=1 \
    UV_COMPILE_BYTECODE=1 \
    UV_PYTHON_DOWNLOADS=never \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1
RUN pip install --no-cache-dir "uv==0.13.9"
WORKDIR /app
COPY pyproject.toml uv.lock README.md ./
RUN uv sync --frozen --no-dev --no-install-project
COPY bot ./bot
COPY retrieval ./retrieval
RUN uv sync --frozen --no-dev --no-editable

FROM python:3.11-slim
RUN useradd --create-home --uid 10001 corpusbot \
    && mkdir -p /data \
    && chown corpusbot:corpusbot /data
WORKDIR /app
COPY --from=build /app/.venv /app/.venv
# Writable by the bot: `corpusbot add` and /add save pages here (compose mounts ./corpus over it).
COPY --chown=corpusbot:corpusbot corpus ./corpus
ENV PATH=/app/.venv/bin:$PATH \
    PYTHONUNBUFFERED=1 \
    CORPUSBOT_DATA_DIR=/data \
    CORPUS_DIR=/app/corpus \
    HF_HUB_OFFLINE=1
USER 10001
VOLUME ["/data"]
HEALTHCHECK --interval=30s --timeout=10s --start-period=60s --retries=3 \
    CMD ["corpusbot", "health"]
CMD ["corpusbot", "start"]
