# kaikille in a container, for GitLab CI, Azure Pipelines and Kubernetes:
#   docker build -t kaikille .
#   docker run --rm -v "$PWD:/work" kaikille audit --sites sites.txt
# Debian's Chromium (no recommended extras), kaikille installed from this checkout, run as a user
# without privileges with Chromium's sandbox on (see the README, "In a container").
FROM python:3.12-slim-bookworm

RUN apt-get update \
 && apt-get install -y --no-install-recommends chromium fonts-dejavu-core \
 && rm -rf /var/lib/apt/lists/*

WORKDIR /opt/kaikille
COPY pyproject.toml README.md ./
COPY kaikille ./kaikille
COPY audit ./audit
COPY locator ./locator
COPY statements ./statements
RUN pip install --no-cache-dir --disable-pip-version-check . \
 && rm -rf /opt/kaikille

RUN useradd --create-home --uid 10001 kaikille
ENV KAIKILLE_BROWSER=/usr/bin/chromium \
    PYTHONUNBUFFERED=1
USER kaikille
WORKDIR /work
ENTRYPOINT ["kaikille"]
CMD ["--help"]
