#!/usr/bin/env bash
# The adoption test: installs Model Hub into a brand-new Backstage app the way a
# platform team would, from the packed tarballs, and checks that it works there.
#
#   1. scripts/check-packs.sh builds, packs and checks every publishable package;
#   2. @backstage/create-app makes a fresh app in a temporary directory;
#   3. scripts/adoption/configure-app.mjs wires Model Hub in as the install
#      sections of plugins/*/README.md say (dependencies, backend.add(...),
#      catalog rules, an example Model with its owner group, the templates);
#      `resolutions` point the @model-hub/* packages at the tarballs;
#   4. yarn install (npm registry only), yarn tsc, the frontend build;
#   5. the app's backend starts and serves the built frontend; the catalog
#      accepts the Model; the scaffolder has the templates and Model Hub's
#      actions; /api/model-hub/models lists the model;
#   6. headless Chromium signs in as guest, opens the Models page and finds the
#      model (screenshot: docs/screenshots/adoption-models.png).
#
#   ./scripts/adoption-test.sh              everything
#   ./scripts/adoption-test.sh --keep       keep the app directory afterwards
#   ./scripts/adoption-test.sh --reuse-packs  use the tarballs already in dist-packs/
#
# Environment: MODEL_HUB_ADOPTION_PORT (7117), MODEL_HUB_ADOPTION_MODEL
# (credit-scorecard-logit, from examples/model-hub/models.yaml),
# MODEL_HUB_PACKS_DIR (dist-packs/), CHROMIUM_PATH (/usr/bin/chromium).
#
# The app's yarn.lock is seeded with this repository's yarn.lock. create-app
# seeds it from GitHub, which is out of reach here; without any seed every
# range resolves to its newest version, which mixes a newer Backstage release's
# plugins into the 1.55 template (plugin-signals-backend 0.3.21 needs
# backend-defaults 0.19; the scaffold pins ^0.18.0) and the scaffold's own
# backend does not start. This repository's lockfile is of the same Backstage
# release (backstage.json) as create-app 0.9.2's template.
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
root="$PWD"
source scripts/bootstrap.sh || exit 1
mh_install_deps || exit 1

keep=0
reuse_packs=0
for arg in "$@"; do
  case "$arg" in
    --keep) keep=1 ;;
    --reuse-packs) reuse_packs=1 ;;
    *) echo "unknown argument: $arg" >&2; exit 2 ;;
  esac
done

create_app_version=0.9.2
port="${MODEL_HUB_ADOPTION_PORT:-7117}"
model="${MODEL_HUB_ADOPTION_MODEL:-credit-scorecard-logit}"
packs="${MODEL_HUB_PACKS_DIR:-$root/dist-packs}"
export MODEL_HUB_PACKS_DIR="$packs"
screenshot="$root/docs/screenshots/adoption-models.png"
base="http://localhost:$port"
token="adoption-$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')"
# Corepack, where a machine's yarn comes from it: registry only, pinned version.
export COREPACK_NPM_REGISTRY=https://registry.npmjs.org COREPACK_DEFAULT_TO_LATEST=0 \
  COREPACK_ENABLE_DOWNLOAD_PROMPT=0

work="$(mktemp -d /tmp/model-hub-adoption.XXXXXX)"
app="$work/adopter-app"
logs="$work/logs"
mkdir -p "$logs"

backend_pid=""
results=()
failed=0
started_all=$SECONDS

cleanup() {
  if [ -n "$backend_pid" ] && kill -0 "$backend_pid" 2>/dev/null; then
    kill -- "-$backend_pid" 2>/dev/null || kill "$backend_pid" 2>/dev/null
    for _ in $(seq 1 20); do
      kill -0 "$backend_pid" 2>/dev/null || break
      sleep 0.5
    done
    kill -9 -- "-$backend_pid" 2>/dev/null || true
  fi
  if [ "$failed" = 0 ] && [ "$keep" = 0 ]; then
    rm -rf "$work"
  else
    echo "The app and the logs are in $work"
  fi
}
trap cleanup EXIT
trap 'failed=1; exit 130' INT TERM

# check <label> <log name> <command...>: runs a check, records PASS/FAIL, its
# time and the `detail: ` lines the command printed.
check() {
  local label="$1" log="$logs/$2.log"
  shift 2
  local t0=$SECONDS status=PASS
  echo "--- $label"
  "$@" >"$log" 2>&1 || status=FAIL
  results+=("$(printf '%s  %-54s %4ds' "$status" "$label" $((SECONDS - t0)))")
  while IFS= read -r line; do
    results+=("        ${line#detail: }")
  done < <(grep -E '^detail: ' "$log")
  [ "$status" = PASS ] && return 0
  failed=1
  echo "FAIL: $label; the end of $log:"
  tail -n 40 "$log" | sed 's/^/    /'
  return 1
}

summary() {
  echo
  echo "=== Adoption test: create-app $create_app_version, Backstage $(node -p "require('$root/backstage.json').version"), Node $(node -v)"
  printf '%s\n' "${results[@]}"
  if [ "$failed" = 0 ]; then
    printf 'PASS  %-54s %4ds\n' "adoption test" $((SECONDS - started_all))
  else
    printf 'FAIL  %-54s %4ds\n' "adoption test" $((SECONDS - started_all))
  fi
}

finish() {
  summary
  exit "$failed"
}

# GET <path>, with the test's static token, to stdout; fails on non-2xx.
api() {
  curl -fsS --max-time 20 -H "Authorization: Bearer $token" "$base$1"
}

# poll <seconds> <command...>: retries every 3 s until the command succeeds.
poll() {
  local deadline=$((SECONDS + $1))
  shift
  until "$@"; do
    if [ $SECONDS -ge $deadline ]; then
      return 1
    fi
    sleep 3
  done
}

if curl -s -o /dev/null --max-time 2 "$base"; then
  echo "Port $port is in use; set MODEL_HUB_ADOPTION_PORT to a free port." >&2
  exit 1
fi

# 1. Tarballs.
pack_check() {
  if [ "$reuse_packs" = 1 ] && ls "$packs"/*.tgz >/dev/null 2>&1; then
    scripts/check-packs.sh --no-build || return 1
  else
    scripts/check-packs.sh || return 1
  fi
  echo "detail: $(ls "$packs"/*.tgz | wc -l) tarballs, $(du -ch "$packs"/*.tgz | tail -n1 | cut -f1) in ${packs#"$root"/}/"
}
if check "pack check (build, pack, inspect)" packs pack_check; then
  grep -E '^(PASS|FAIL) ' "$logs/packs.log" | sed 's/^/    /'
else
  finish
fi

# 2. A fresh app.
create_app() {
  cd "$work" &&
    BACKSTAGE_APP_NAME=adopter-app npx --yes "@backstage/create-app@$create_app_version" \
      --path "$app" --skip-install
  local rc=$?
  cd "$root"
  # The yarn.lock seed comes from GitHub and fails here (see the top of this file).
  [ "$rc" = 0 ] && [ -f "$app/packages/backend/src/index.ts" ] || return 1
  echo "detail: app on Backstage $(node -p "require('$app/backstage.json').version"), new frontend and backend systems"
}
check "create-app $create_app_version" create-app create_app || finish

# 3. Model Hub, wired as the READMEs say.
configure() {
  node scripts/adoption/configure-app.mjs "$app" "$packs" "$port" "$token" "$model" &&
    cp yarn.lock "$app/yarn.lock"
}
check "wire Model Hub in as the READMEs say" configure configure || finish

# 4. Install, type check, build the frontend.
install_app() {
  # CI=true would make Yarn refuse to write the app's new lockfile.
  (cd "$app" && YARN_ENABLE_IMMUTABLE_INSTALLS=false yarn install) || return 1
  # Only the npm registry and the local tarballs: no git, GitHub or URL resolutions.
  local others
  others="$(grep -E '^  resolution: ' "$app/yarn.lock" |
    grep -vE '@(npm|workspace|file|patch|link|portal):' || true)"
  if [ -n "$others" ]; then
    echo "resolutions from outside the npm registry:"
    echo "$others"
    return 1
  fi
  for p in backstage-plugin-model-hub backstage-plugin-model-hub-backend \
    backstage-plugin-catalog-backend-module-model-hub \
    backstage-plugin-scaffolder-backend-module-model-hub; do
    grep -q "^\"@model-hub/$p@file:" "$app/yarn.lock" ||
      { echo "@model-hub/$p was not installed from its tarball"; return 1; }
  done
  echo "detail: $(grep -cE '^  resolution: "[^"]+@npm:' "$app/yarn.lock") packages from the npm registry, $(grep -cE '^"@model-hub/[^"]+@file:' "$app/yarn.lock") @model-hub/* from the tarballs"
}
check "yarn install (npm registry + tarballs only)" install install_app || finish
check "yarn tsc" tsc bash -c "cd '$app' && yarn tsc" || finish
check "frontend build (packages/app)" build-app bash -c \
  "cd '$app/packages/app' && yarn build --config ../../app-config.yaml --config ../../app-config.local.yaml" ||
  finish

# 5. The backend, serving the built frontend too.
start_backend() {
  (
    cd "$app/packages/backend" &&
      exec setsid yarn start --config ../../app-config.yaml --config ../../app-config.local.yaml
  ) >"$logs/backend-run.log" 2>&1 &
  backend_pid=$!
  local t0=$SECONDS deadline=$((SECONDS + 240))
  until curl -fsS --max-time 5 "$base/.backstage/health/v1/readiness"; do
    if ! kill -0 "$backend_pid" 2>/dev/null; then
      echo "the backend exited:"
      grep -iE 'error' "$logs/backend-run.log" | tail -n 20
      return 1
    fi
    if [ $SECONDS -ge $deadline ]; then
      echo "not ready after 240 s"
      tail -n 20 "$logs/backend-run.log"
      return 1
    fi
    sleep 2
  done
  echo
  echo "detail: ready after $((SECONDS - t0)) s; serves the built frontend at $base"
}
check "backend starts (SQLite in memory, :$port)" backend start_backend || finish

model_in_catalog() {
  api "/api/catalog/entities/by-name/model/default/$model" >"$logs/model.json" &&
    node -e '
      const e = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
      if (e.kind !== "Model") process.exit(1);
      console.log(`detail: "${e.metadata.title}", relations ${[...new Set((e.relations ?? []).map(r => r.type))].join(", ")}`);
    ' "$logs/model.json"
}
check "catalog accepts model:default/$model" catalog poll 120 model_in_catalog

scaffolder_ready() {
  api /api/catalog/entities/by-name/template/default/model-backed-service-typescript >/dev/null &&
    api /api/scaffolder/v2/actions | node -e '
      let s = ""; process.stdin.on("data", d => (s += d)).on("end", () => {
        const ids = JSON.parse(s).map(a => a.id).filter(id => id.startsWith("model-hub:"));
        console.log(`detail: ${ids.join(", ")}`);
        process.exit(ids.includes("model-hub:model:resolve") ? 0 : 1);
      });'
}
check "scaffolder: templates and model-hub:* actions" scaffolder poll 60 scaffolder_ready

models_api() {
  api "/api/model-hub/models?search=$model" >"$logs/models.json" &&
    node -e '
      const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
      const m = (r.items ?? []).find(i => i.name === process.argv[2]);
      if (!m) process.exit(1);
      const s = m.status ?? {};
      console.log(`detail: ${m.entityRef}: risk ${m.riskLevel}, governance ${s.governanceStatus}, drift ${s.driftStatus}`);
    ' "$logs/models.json" "$model"
}
check "GET /api/model-hub/models lists it (static token)" models-api poll 120 models_api

# A version with reference rows, then a window of 40,000 rows (1.4 MB):
# its body is parsed, and the window judged, in a drift worker thread of the
# packed backend (dist/drift/driftWorker.cjs.js).
drift_in_worker() {
  local dir="$work/drift" m="$base/api/model-hub/models/default/$model"
  mkdir -p "$dir"
  node -e '
    const fs = require("fs");
    const rows = (n, shift) => Array.from({ length: n }, (_, i) => ({
      income: 40000 + ((i * 7919) % 20000) + shift,
      region: i % 3 === 0 ? "north" : "south",
    }));
    fs.writeFileSync(process.argv[1] + "/version.json", JSON.stringify({
      version: "0.0.1-adoption", artifactUri: "s3://adoption/model",
      referenceProfile: { rows: rows(2000, 0) },
    }));
    fs.writeFileSync(process.argv[1] + "/window.json", JSON.stringify({
      environment: "adoption", windowStart: "2026-01-01T00:00:00Z",
      windowEnd: "2026-01-01T01:00:00Z", rows: rows(40000, 5000),
    }));
  ' "$dir" || return 1
  local post=(curl -sS --max-time 60 -H "Authorization: Bearer $token" -H 'Content-Type: application/json')
  "${post[@]}" -o "$dir/version-res.json" -w '%{http_code}\n' --data-binary @"$dir/version.json" "$m/versions" | grep -qE '^20[01]$' ||
    { echo "publishing the version failed:"; cat "$dir/version-res.json"; return 1; }
  "${post[@]}" -o "$dir/report.json" -w '%{http_code}\n' --data-binary @"$dir/window.json" \
    "$m/versions/0.0.1-adoption/drift-reports" | grep -qE '^201$' ||
    { echo "the drift window was not judged:"; cat "$dir/report.json"; return 1; }
  grep -q 'Drift worker threads started' "$logs/backend-run.log" ||
    { echo "no drift worker thread started"; return 1; }
  echo "detail: $(grep -o 'Drift worker threads started[^"]*' "$logs/backend-run.log" | head -n 1 | sed "s#$app/##")"
  node -e '
    const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
    console.log(`detail: window of ${(require("fs").statSync(process.argv[2]).size / 1e6).toFixed(1)} MB: status ${r.status}, ${r.report.driftedColumns} of ${r.report.columns.length} columns drifted`);
  ' "$dir/report.json" "$dir/window.json"
}
check "drift window judged in a worker thread (packed worker)" drift-worker drift_in_worker

# 6. The Models page in Chromium.
title="$(node -p 'JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")).metadata.title' \
  "$logs/model.json" 2>/dev/null || echo "$model")"
browser_check() {
  node scripts/adoption/models-page.mjs "$base" "$title" "$screenshot" || return 1
  echo "detail: \"$title\" listed; screenshot ${screenshot#"$root"/}"
}
check "Models page lists it (guest sign-in, Chromium)" browser browser_check

finish
