#!/usr/bin/env bash
# Install what the dashboard needs and start it on the shipped data (http://localhost:8501).
# Extra arguments go to streamlit, e.g. scripts/run.sh --server.port 8600 --server.address 127.0.0.1
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh requirements.txt
python -m loaders validate
exec streamlit run dashboard.py "$@"
