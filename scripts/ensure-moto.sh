#!/usr/bin/env bash
# Make moto_server available: use the one on PATH, else install a pinned moto[server] into ./.venv.
set -euo pipefail
cd "$(dirname "$0")/.."
if command -v moto_server >/dev/null 2>&1; then
  echo "moto_server: $(command -v moto_server)"
  exit 0
fi
if [ -x .venv/bin/moto_server ]; then
  echo "moto_server: .venv/bin/moto_server"
  exit 0
fi
echo "moto_server not found; installing moto[server]==5.2.1 into .venv" >&2
python3 -m venv .venv
.venv/bin/pip install --quiet 'moto[server]==5.2.1'
echo "moto_server: .venv/bin/moto_server"
