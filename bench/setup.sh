#!/usr/bin/env bash
# Install the peers the comparison benchmark runs: pa11y-ci (axe runner) and @axe-core/cli from the
# npm registry, into bench/.node, without their browser downloads; and Debian's chromedriver for
# @axe-core/cli. kaikille itself comes from ./dev.sh.
set -euo pipefail
cd "$(dirname "$0")"
export PUPPETEER_SKIP_DOWNLOAD=true PUPPETEER_SKIP_CHROMIUM_DOWNLOAD=true CHROMEDRIVER_SKIP_DOWNLOAD=true
mkdir -p .node
npm install --prefix .node --no-audit --no-fund pa11y-ci@4 @axe-core/cli@4 >/dev/null
if ! command -v chromedriver >/dev/null; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    apt-get update -qq && apt-get install -y -qq chromium chromium-driver >/dev/null
  else
    echo "bench/setup.sh: install chromium and its chromedriver (Debian: chromium-driver)" >&2
    exit 3
  fi
fi
echo "pa11y-ci $(.node/node_modules/.bin/pa11y-ci --version), @axe-core/cli $(.node/node_modules/.bin/axe --version), $(chromedriver --version)"
