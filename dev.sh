#!/usr/bin/env bash
# Set everything up on a fresh machine, then run one job:
#   ./dev.sh demo    audit the bundled demo site (reports in ./kaikille-report), then open the
#                    digital-help app on the embedded data at http://127.0.0.1:8501/ (Ctrl-C stops it;
#                    extra arguments go to `kaikille app`, e.g. --port 8600)
#   ./dev.sh test    run the whole test suite (extra arguments go to pytest)
# Set-up: a virtual environment in .venv (or $KAIKILLE_VENV), kaikille with its test extras,
# and a Chromium (Playwright's, the system's, `playwright install`, or apt-get as root).
set -euo pipefail
cd "$(dirname "$0")"

job=${1:-}
case "$job" in
  demo|test) shift ;;
  *) echo "usage: ./dev.sh demo | ./dev.sh test [pytest args]" >&2; exit 2 ;;
esac

python=${PYTHON:-python3}
if ! "$python" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
  echo "dev.sh: kaikille needs Python 3.11 or newer (set PYTHON=/path/to/python3.11)" >&2
  exit 3
fi
venv=${KAIKILLE_VENV:-.venv}
[ -x "$venv/bin/python" ] || "$python" -m venv "$venv"
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check -e '.[test]'
"$venv/bin/kaikille" browser --install

if [ "$job" = demo ]; then
  "$venv/bin/kaikille" demo
  exec "$venv/bin/kaikille" app "$@"
else
  exec "$venv/bin/python" -m pytest "$@"
fi
