#!/usr/bin/env bash
# Runs every check Model Hub has: type check, API reports, lint, unit and database tests
# (SQLite and the PostgreSQL server on 127.0.0.1:5432), the production start
# test (the built backend started as the Docker image runs it, checked over
# HTTP), the browser smoke test (the app is started and driven in Debian's
# headless Chromium), and the
# services the model-backed templates generate (installed, compiled, tested).
# Installs what is missing first (Node 22 and Yarn where absent, dependencies).
#
#   ./scripts/test.sh           everything
#   ./scripts/test.sh --no-e2e  everything but the browser test
#   ./scripts/test.sh --no-generated  everything but the generated services check
#   ./scripts/test.sh --no-adoption   everything but the adoption test (a fresh
#                                     create-app app installing the packed packages)
#   ./scripts/test.sh --no-production-start  everything but the production start test
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/bootstrap.sh
mh_install_deps

run_e2e=1
run_generated=1
run_adoption=1
run_production_start=1
for arg in "$@"; do
  case "$arg" in
    --no-e2e) run_e2e=0 ;;
    --no-generated) run_generated=0 ;;
    --no-adoption) run_adoption=0 ;;
    --no-production-start) run_production_start=0 ;;
    *) echo "unknown argument: $arg" >&2; exit 2 ;;
  esac
done

# Backstage's TestDatabases use a running server instead of Docker when given a
# connection string. The id names the PostgreSQL major the tests ask for.
export BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING="${BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING:-postgresql://postgres@127.0.0.1:5432}"
export BACKSTAGE_TEST_DISABLE_DOCKER=1

reports="$PWD/node_modules/.cache/model-hub-test-reports"
rm -rf "$reports" && mkdir -p "$reports"

status=0
step() {
  echo
  echo "=== $1"
  shift
  if ! "$@"; then
    echo "=== FAILED: $*"
    status=1
  fi
}

step "type check" yarn tsc
step "API reports" yarn api-reports:check
step "lint" yarn lint:all
step "OpenAPI contract lint" yarn backstage-repo-tools repo schema openapi lint
step "unit and database tests" env CI=true yarn test --json --outputFile="$reports/jest.json"
if [ "$run_generated" = 1 ]; then
  step "generated services (TypeScript and Python templates)" scripts/check-generated-services.sh
fi
if [ "$run_production_start" = 1 ]; then
  step "production start test (built backend, production config, PostgreSQL)" scripts/production-start-test.sh
fi
if [ "$run_e2e" = 1 ]; then
  step "browser smoke test" env PLAYWRIGHT_JSON_OUTPUT_NAME="$reports/e2e.json" yarn test:e2e
fi

if [ "$run_adoption" = 1 ]; then
  # Last: it packs every package and installs them into a new Backstage app.
  step "adoption test (create-app + packed tarballs)" scripts/adoption-test.sh
fi

echo
node scripts/test-summary.js "$reports" || status=1
exit "$status"
