#!/usr/bin/env bash
# Install what the tests need and run the whole suite. Extra arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh requirements-dev.txt
exec python -m pytest -q "$@"
