#!/usr/bin/env bash
# Create eval/.venv with the Python peers warta is scored against (never a dependency of warta).
# Installs every eval/peers/requirements-*.txt. Idempotent.
set -euo pipefail
cd "$(dirname "$0")"
[[ -x .venv/bin/python ]] || python3 -m venv .venv
.venv/bin/pip install -q --upgrade pip
for r in peers/requirements-*.txt; do
  [[ -f $r ]] && .venv/bin/pip install -q -r "$r"
done
echo "eval/.venv ready"
