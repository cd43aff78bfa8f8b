#!/usr/bin/env bash
# Unpacks the backend bundle as the Dockerfile does, into DIR:
#
#   scripts/unpack-backend-bundle.sh DIR
#
# It builds the bundle first (`yarn build:backend`) when a source is newer
# than packages/backend/dist/bundle.tar.gz, then puts the bundle and the
# app-config files in DIR, where the bundle's packages resolve one another,
# and the software templates, as the image copies them. The image installs
# the third-party packages (`yarn workspaces focus --production`); here they
# are linked from this checkout's node_modules.
# Start the backend as the image's CMD does: `cd DIR && node packages/backend
# --config app-config.yaml ...`. Used by scripts/production-start-test.sh and
# `yarn load:backend --bundle`. Expects scripts/bootstrap.sh to be sourced.
set -euo pipefail
dir=${1:?usage: scripts/unpack-backend-bundle.sh DIR}
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"

bundle=packages/backend/dist/bundle.tar.gz
if [ ! -f "$bundle" ] || [ -n "$(find packages plugins app-config*.yaml yarn.lock -newer "$bundle" -type f \
  -not -path '*/node_modules/*' -not -path '*/dist/*' -not -path '*/dist-types/*' \
  -not -name '*.test.ts' -not -name '*.test.tsx' -not -path '*/e2e-tests/*' -print -quit)" ]; then
  echo "[bundle] yarn build:backend"
  build_started=$(date +%s)
  log=$(mktemp)
  if ! yarn build:backend >"$log" 2>&1; then
    tail -n 40 "$log"
    rm -f "$log"
    echo "[bundle] yarn build:backend failed" >&2
    exit 1
  fi
  rm -f "$log"
  echo "[bundle] built in $(($(date +%s) - build_started))s"
fi

mkdir -p "$dir"
tar xzf "$bundle" -C "$dir"
cp app-config.yaml app-config.production.yaml "$dir/"
# As the Dockerfile copies them: app-config.production.yaml registers them.
cp -R templates "$dir/templates"
node -e '
  const fs = require("fs"), path = require("path");
  const [app, installed] = process.argv.slice(1);
  const modules = path.join(app, "node_modules");
  const own = new Map();
  for (const group of ["packages", "plugins"]) {
    for (const dir of fs.readdirSync(path.join(app, group))) {
      const pkg = path.join(app, group, dir);
      own.set(JSON.parse(fs.readFileSync(path.join(pkg, "package.json"), "utf8")).name, pkg);
    }
  }
  const link = (name, target) => {
    fs.mkdirSync(path.dirname(path.join(modules, name)), { recursive: true });
    fs.rmSync(path.join(modules, name), { force: true, recursive: true });
    fs.symlinkSync(target, path.join(modules, name));
  };
  for (const entry of fs.readdirSync(installed)) {
    const names = entry.startsWith("@")
      ? fs.readdirSync(path.join(installed, entry)).map(n => `${entry}/${n}`)
      : [entry];
    for (const name of names) {
      if (!own.has(name)) link(name, fs.realpathSync(path.join(installed, name)));
    }
  }
  for (const [name, pkg] of own) link(name, pkg);
' "$dir" "$root/node_modules"
