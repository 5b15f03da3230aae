# Sourced by run.sh and test.sh: make .venv (once) and install the pinned packages into it.
# Usage: source scripts/setup.sh [requirements file]
requirements="${1:-requirements.txt}"
python="${PYTHON:-python3}"
if [ ! -x .venv/bin/python ]; then
  "$python" -m venv .venv
  .venv/bin/python -m pip install --quiet --upgrade pip
fi
.venv/bin/python -m pip install --quiet --disable-pip-version-check -r "$requirements"
export PATH="$PWD/.venv/bin:$PATH"
