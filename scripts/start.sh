#!/usr/bin/env bash
# Starts Model Hub locally: the backend on :7007 and the frontend on :3000.
# Installs what is missing first (Node 22 and Yarn where absent, dependencies).
#
#   ./scripts/start.sh              embedded SQLite files under data/sqlite
#   ./scripts/start.sh --postgres   the PostgreSQL server on POSTGRES_HOST (default 127.0.0.1:5432)
#
# Other arguments go to `backstage-cli repo start` (e.g. `--config my.yaml`).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/bootstrap.sh
mh_install_deps

args=()
for arg in "$@"; do
  if [ "$arg" = "--postgres" ]; then
    export POSTGRES_HOST="${POSTGRES_HOST:-127.0.0.1}"
    export POSTGRES_PORT="${POSTGRES_PORT:-5432}"
    export POSTGRES_USER="${POSTGRES_USER:-postgres}"
    export POSTGRES_PASSWORD="${POSTGRES_PASSWORD:-postgres}"
    args+=(--config "$PWD/app-config.yaml" --config "$PWD/app-config.postgres.yaml")
  else
    args+=("$arg")
  fi
done

exec yarn start "${args[@]}"
