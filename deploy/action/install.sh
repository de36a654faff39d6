#!/usr/bin/env bash
# Install step of kaikille's GitHub Action (action.yml): kaikille from the action's own checkout,
# then a Chromium (the runner's Chrome if it has one, else Playwright's, else apt as root).
set -euo pipefail
: "${ACTION_PATH:?set ACTION_PATH to the folder of the action}"
python -m pip install --quiet --disable-pip-version-check "$ACTION_PATH"
if ! kaikille browser >/dev/null 2>&1; then
  python -m playwright install --with-deps chromium || kaikille browser --install
fi
kaikille browser
