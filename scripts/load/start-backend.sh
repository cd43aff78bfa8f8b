#!/usr/bin/env bash
# Starts the backend alone for a load run (README, "Load test"): on PostgreSQL,
# with the load overlay, and as production runs it (NODE_ENV=production: no
# file watching, compact JSON responses and log lines). `yarn start` runs in
# development mode, where every JSON response is pretty-printed; measuring
# that would measure whitespace.
#
#   yarn load:backend            # from the TypeScript sources
#   yarn load:backend --bundle   # from the production bundle, as the image runs it
#
# From the sources, Backstage's require hook compiles every module at start
# (the process holds about 1.3 GB before any request at the load sizes); the
# bundle (`yarn build:backend`, built when a source is newer, unpacked into
# data/load/backend) is what an adopter runs, and what memory is judged on.
# POSTGRES_HOST/PORT/USER/PASSWORD default to this project's local server.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
export POSTGRES_HOST="${POSTGRES_HOST:-127.0.0.1}"
export POSTGRES_PORT="${POSTGRES_PORT:-5432}"
export POSTGRES_USER="${POSTGRES_USER:-postgres}"
export POSTGRES_PASSWORD="${POSTGRES_PASSWORD:-postgres}"
export NODE_ENV=production
configs=(
  --config "$root/app-config.yaml"
  --config "$root/app-config.postgres.yaml"
  --config "$root/scripts/load/app-config.load.yaml"
)

if [ "${1:-}" = "--bundle" ]; then
  app="$root/data/load/backend"
  rm -rf "$app"
  "$root/scripts/unpack-backend-bundle.sh" "$app"
  # app-config.yaml names the examples and catalog-info.yaml relative to
  # packages/backend, as in this checkout (the templates are unpacked).
  for entry in examples catalog-info.yaml; do
    ln -sfn "$root/$entry" "$app/$entry"
  done
  cd "$app/packages/backend"
  exec node . "${configs[@]}"
fi

cd "$root/packages/backend"
# The TypeScript sources run through Backstage's own require hook, as
# `backstage-cli package start` runs them, without its watcher.
exec node --enable-source-maps \
  --require ../../node_modules/@backstage/cli-node/config/nodeTransform.cjs \
  src/index "${configs[@]}"
