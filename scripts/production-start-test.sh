#!/usr/bin/env bash
# Production start test: the backend as the Docker image runs it, checked over
# HTTP. It builds the backend bundle (`yarn build:backend`, skipped when the
# bundle is newer than every source), unpacks it as the Dockerfile does and
# starts it as the image's CMD does (NODE_ENV=production, app-config.yaml then
# app-config.production.yaml), plus scripts/production-test/, which only lets
# the test sign a user in, load its entities and use its own port and
# databases on the PostgreSQL server of 127.0.0.1:5432. It asserts that:
#
#   1. the backend refuses to start when the local token of app-config.yaml
#      is configured as a production token, and when the tokens are missing;
#   2. the local token gets 401 from Model Hub and from the catalog;
#   3. the production CI token is kept to Model Hub (403 from the catalog),
#      publishes a version and requests a review but submits no drift; the
#      drift token submits drift windows and cannot publish;
#   4. a signed-in user outside the model's team, and no reviewer, is refused
#      (403) publishing and deciding the review, and the software templates
#      are in the catalog, from where the image copies them;
#   5. under a small hostile-load run (scripts/load/hostile.mjs --check) every
#      attack is answered as it should be, the backend stays under 1.5 GB and
#      still answers.
#
# Prints PASS or FAIL last; stops every backend it started and drops the
# databases it created. Usage: scripts/production-start-test.sh
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
root=$PWD
source scripts/bootstrap.sh
mh_install_deps

started=$(date +%s)
port=${MODEL_HUB_PRODUCTION_TEST_PORT:-7317}
db_prefix="mh_prodtest_$$_"
work=$(mktemp -d)
pid=""
failures=0

pg() { psql -h 127.0.0.1 -p 5432 -U postgres -d postgres -Atqc "$1"; }
stop_backend() {
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
    kill "$pid"
    for _ in $(seq 1 40); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
    kill -9 "$pid" 2>/dev/null || true
  fi
  wait "$pid" 2>/dev/null || true
  pid=""
}
cleanup() {
  stop_backend
  for db in $(pg "select datname from pg_database where starts_with(datname, '$db_prefix')" 2>/dev/null); do
    pg "drop database \"$db\" with (force)" || echo "[production-test] could not drop database $db" >&2
  done
  rm -rf "$work"
}
trap cleanup EXIT

finish() {
  local elapsed=$(($(date +%s) - started))
  if [ "$failures" = 0 ]; then
    echo "PASS production start test (${elapsed}s)"
    exit 0
  fi
  echo "FAIL production start test: $failures check(s) failed (${elapsed}s)"
  exit 1
}
check() { # check DESCRIPTION EXPECTED ACTUAL
  if [ "$2" = "$3" ]; then
    echo "  ok   $1"
  else
    echo "  FAIL $1: expected $2, got $3 $(head -c 400 "$work/body" 2>/dev/null)"
    failures=$((failures + 1))
  fi
}

if curl -s -o /dev/null "http://localhost:$port"; then
  echo "FAIL production start test: port $port is taken (set MODEL_HUB_PRODUCTION_TEST_PORT)"
  exit 1
fi

# The bundle the Dockerfile copies (rebuilt when a source is newer), unpacked
# as the Dockerfile does.
if ! scripts/unpack-backend-bundle.sh "$work/app"; then
  echo "FAIL production start test: the backend bundle could not be built"
  exit 1
fi

export NODE_ENV=production
export POSTGRES_HOST=127.0.0.1 POSTGRES_PORT=5432 POSTGRES_USER=postgres POSTGRES_PASSWORD=postgres
export MODEL_HUB_PRODUCTION_TEST_PORT=$port
export MODEL_HUB_PRODUCTION_TEST_ENTITIES="$root/scripts/production-test/entities.yaml"
unset MODEL_HUB_CI_TOKEN MODEL_HUB_DRIFT_TOKEN

start_backend() { # start_backend NAME: a backend on databases of its own, log in $work/NAME.log
  export MODEL_HUB_PRODUCTION_TEST_DB_PREFIX="${db_prefix}${1}_"
  (cd "$work/app" && exec node packages/backend \
    --config app-config.yaml --config app-config.production.yaml \
    --config "$root/scripts/production-test/app-config.production-test.yaml") >"$work/$1.log" 2>&1 &
  pid=$!
}
expect_refusal() { # expect_refusal NAME DESCRIPTION MESSAGE: the backend exits non-zero, logging MESSAGE
  local rc=0
  for _ in $(seq 1 ${MODEL_HUB_PRODUCTION_TEST_REFUSAL_WAIT:-240}); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
  if kill -0 "$pid" 2>/dev/null; then
    stop_backend
    echo "  FAIL $2: the backend was still running after 2 minutes:"
    tail -n 20 "$work/$1.log"
    failures=$((failures + 1))
    return
  fi
  wait "$pid" || rc=$?
  pid=""
  if [ "$rc" != 0 ] && grep -qF -- "$3" "$work/$1.log"; then
    echo "  ok   $2 (exit $rc: $3)"
  else
    echo "  FAIL $2: exit $rc, no \"$3\" in the log:"
    tail -n 20 "$work/$1.log"
    failures=$((failures + 1))
  fi
}
random_token() { node -p 'require("crypto").randomBytes(24).toString("hex")'; }

echo "[production-test] 1. refusals"
MODEL_HUB_CI_TOKEN=model-hub-local-ci-token MODEL_HUB_DRIFT_TOKEN=$(random_token) start_backend local-token
expect_refusal local-token "refuses to start with the local token as production token" \
  "Refusing to start in production: backend.auth.externalAccess[0].options.token is the local development token"
start_backend no-tokens
expect_refusal no-tokens "refuses to start without MODEL_HUB_CI_TOKEN and MODEL_HUB_DRIFT_TOKEN" \
  "Missing required config value at 'backend.auth.externalAccess[0].options.token'"

echo "[production-test] 2-4. a production backend on :$port"
ci_token=$(random_token)
drift_token=$(random_token)
MODEL_HUB_CI_TOKEN=$ci_token MODEL_HUB_DRIFT_TOKEN=$drift_token start_backend serving
for _ in $(seq 1 240); do
  curl -sf -o /dev/null "http://localhost:$port/.backstage/health/v1/readiness" && break
  kill -0 "$pid" 2>/dev/null || break
  sleep 0.5
done
if ! curl -sf -o /dev/null "http://localhost:$port/.backstage/health/v1/readiness"; then
  tail -n 40 "$work/serving.log"
  echo "FAIL production start test: the backend did not become ready"
  exit 1
fi
echo "[production-test] ready after $(($(date +%s) - started))s"

call() { # call METHOD PATH TOKEN [JSON]: prints the HTTP status, the body goes to $work/body
  curl -s -o "$work/body" -w '%{http_code}' -X "$1" "http://localhost:$port$2" \
    ${3:+-H "Authorization: Bearer $3"} \
    ${4:+-H 'Content-Type: application/json' --data "$4"}
}
body_field() { node -p "JSON.parse(require('fs').readFileSync('$work/body', 'utf8'))$1"; }
model=/api/model-hub/models/default/production-test-model

check "the local token gets 401 from Model Hub" 401 "$(call GET "$model/versions" model-hub-local-ci-token)"
check "the local token gets 401 from the catalog" 401 "$(call GET /api/catalog/entities model-hub-local-ci-token)"
check "the CI token gets 403 from the catalog (restricted to Model Hub)" 403 "$(call GET /api/catalog/entities "$ci_token")"

# The catalog ingests the test entities shortly after start.
for _ in $(seq 1 120); do
  [ "$(call GET "$model/versions" "$ci_token")" = 200 ] && break
  sleep 0.5
done
check "the CI token reads the model's versions" 200 "$(call GET "$model/versions" "$ci_token")"
publish='{"version":"1.0.0","artifactUri":"s3://models/production-test-model/1.0.0/model.pkl","metrics":[{"name":"auc","value":0.81}],"referenceProfile":{"rows":[{"x":0},{"x":1},{"x":2},{"x":3},{"x":4},{"x":5},{"x":6},{"x":7},{"x":8},{"x":9},{"x":10},{"x":11},{"x":12},{"x":13},{"x":14},{"x":15},{"x":16},{"x":17},{"x":18},{"x":19}]}}'
window='{"environment":"production","windowStart":"2026-01-01T00:00:00Z","windowEnd":"2026-01-01T01:00:00Z","rows":[{"x":3},{"x":4},{"x":5},{"x":6},{"x":7},{"x":8},{"x":9},{"x":10},{"x":11},{"x":12},{"x":13},{"x":14},{"x":15},{"x":16},{"x":17},{"x":18},{"x":19},{"x":20},{"x":21},{"x":22}]}'
check "the drift token cannot publish (restricted to model-hub.drift.submit)" 403 "$(call POST "$model/versions" "$drift_token" "$publish")"
check "the CI token publishes a version" 201 "$(call POST "$model/versions" "$ci_token" "$publish")"
check "the CI token requests a review" 201 "$(call POST "$model/versions/1.0.0/reviews" "$ci_token" '{"comment":"production start test"}')"
review=$(body_field .id 2>/dev/null || echo none)
check "the CI token cannot submit drift (not model-hub.drift.submit)" 403 "$(call POST "$model/versions/1.0.0/drift-reports" "$ci_token" "$window")"
check "the drift token submits a drift window" 201 "$(call POST "$model/versions/1.0.0/drift-reports" "$drift_token" "$window")"

# A signed-in person: the guest provider signs in user:default/outsider, of
# the marketing team (scripts/production-test/entities.yaml).
check "a user signs in" 200 "$(curl -s -o "$work/body" -w '%{http_code}' \
  -H 'X-Requested-With: XMLHttpRequest' "http://localhost:$port/api/auth/guest/refresh?env=development")"
user_token=$(body_field .backstageIdentity.token 2>/dev/null || echo none)
# The software templates, from where the image copies them (the catalog
# ingests the file location within seconds of starting).
template_status=000
for _ in $(seq 1 30); do
  template_status=$(call GET /api/catalog/entities/by-name/template/default/model-backed-service-typescript "$user_token")
  [ "$template_status" = 200 ] && break
  sleep 1
done
check "the image's software templates are in the catalog" 200 "$template_status"
check "an unrelated user cannot publish a version of the model" 403 \
  "$(call POST "$model/versions" "$user_token" "${publish/1.0.0/1.0.1}")"
grep -qF 'model-hub.version.publish' "$work/body" || check "the refusal names model-hub.version.publish" yes no
check "an unrelated user cannot decide the model's review" 403 \
  "$(call POST "$model/reviews/$review/decisions" "$user_token" '{"decision":"APPROVED"}')"
grep -qF 'model-hub.review.decide' "$work/body" || check "the refusal names model-hub.review.decide" yes no

# A small hostile-load run (scripts/load/hostile.mjs; the full one is
# `yarn load:hostile`, docs/load-results.md): catalog readers while attackers
# send the largest and oddest bodies with the drift token. Checks answers,
# memory and that the backend still answers; latency is printed, not judged.
# The memory bound here is 1.5 GB: the bundle peaks near 1 GB under this run
# (from about 400 MB), and issue #22's 1 GB target is not met yet.
echo "[production-test] 5. hostile load, small"
if MODEL_HUB_TOKEN=$drift_token MODEL_HUB_PUBLISH_TOKEN=$ci_token MODEL_HUB_READ_TOKEN=$user_token \
  node scripts/load/hostile.mjs --base-url "http://localhost:$port" --model default/production-test-model \
  --connections 10 --attackers 8 --duration 10 --rounds 1 --warmup 1 --window-body 5mb \
  --backend-pid "$pid" --max-rss-mb 1536 --check \
  >"$work/hostile.log" 2>&1; then
  sed 's/^/  /' "$work/hostile.log"
  echo "  ok   the backend keeps answering under hostile bodies, within its memory bound"
else
  sed 's/^/  /' "$work/hostile.log"
  echo "  FAIL the hostile-load run"
  failures=$((failures + 1))
fi

stop_backend
finish
