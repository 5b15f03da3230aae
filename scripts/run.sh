#!/usr/bin/env bash
# Install what the dashboard needs and start it (http://localhost:8501) on the shipped data, or on the project folder
# DASHBOARD_ROOT names (another place, another report), after checking that folder's files.
# Extra arguments go to streamlit, e.g. scripts/run.sh --server.port 8600 --server.address 127.0.0.1
set -euo pipefail
if [ -n "${DASHBOARD_ROOT:-}" ]; then  # a relative folder is the caller's, not this checkout's
  DASHBOARD_ROOT="$(cd "$DASHBOARD_ROOT" && pwd)"
  export DASHBOARD_ROOT
fi
cd "$(dirname "$0")/.."
source scripts/setup.sh requirements.txt
python -m loaders --root "${DASHBOARD_ROOT:-.}" validate
# The store of this version of the files is built here, in a process that exits, as scripts/serve.sh does: the app
# then opens it read-only and never holds the facts being read and the built table at once (at provincial scale its
# peak is about 370 MB instead of 650 MB). With DASHBOARD_STORE=memory the app builds its own and nothing is written.
if [ "${DASHBOARD_STORE:-}" != memory ]; then
  python -m loaders --root "${DASHBOARD_ROOT:-.}" store >/dev/null
fi
exec streamlit run dashboard.py "$@"
