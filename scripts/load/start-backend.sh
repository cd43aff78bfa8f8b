#!/usr/bin/env bash
# Starts the backend alone for a load run (README, "Load test"): on PostgreSQL,
# with the load overlay, and as production runs it (NODE_ENV=production: no
# file watching, compact JSON responses and log lines). `yarn start` runs in
# development mode, where every JSON response is pretty-printed; measuring
# that would measure whitespace.
#
#   yarn load:backend
#
# POSTGRES_HOST/PORT/USER/PASSWORD default to this project's local server.
set -euo pipefail
cd "$(dirname "$0")/../../packages/backend"
export POSTGRES_HOST="${POSTGRES_HOST:-127.0.0.1}"
export POSTGRES_PORT="${POSTGRES_PORT:-5432}"
export POSTGRES_USER="${POSTGRES_USER:-postgres}"
export POSTGRES_PASSWORD="${POSTGRES_PASSWORD:-postgres}"
export NODE_ENV=production
# The TypeScript sources run through Backstage's own require hook, as
# `backstage-cli package start` runs them, without its watcher.
exec node --enable-source-maps \
  --require ../../node_modules/@backstage/cli-node/config/nodeTransform.cjs \
  src/index \
  --config ../../app-config.yaml \
  --config ../../app-config.postgres.yaml \
  --config ../../scripts/load/app-config.load.yaml
