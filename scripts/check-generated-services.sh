#!/usr/bin/env bash
# Checks that the services the model-backed templates generate work, as their
# own CI would run them:
#
#   1. renders the templates through the real scaffolder dry-run: the template
#      tests of plugins/scaffolder-backend-module-model-hub/src/templates/ (SQLite), which
#      write the generated files to MODEL_HUB_RENDER_DIR;
#   2. TypeScript service: npm install (from the npm registry; the workspace
#      package @model-hub/model-hub-drift is not on it, so it is installed from
#      a tarball packed from this repository, as an adopter's internal registry
#      would serve it), then `npm test` (tsc, node:test);
#   3. Python service: py_compile and unittest (standard library only);
#   4. publish-a-model: its scripts compile.
#
#   ./scripts/check-generated-services.sh          check, then delete the output
#   ./scripts/check-generated-services.sh --keep   keep it (the path is printed)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/bootstrap.sh
mh_install_deps

keep=0
for arg in "$@"; do
  case "$arg" in
    --keep) keep=1 ;;
    *) echo "unknown argument: $arg" >&2; exit 2 ;;
  esac
done

work="$(mktemp -d "${TMPDIR:-/tmp}/model-hub-generated.XXXXXX")"
if [ "$keep" = 0 ]; then
  trap 'rm -rf "$work"' EXIT
fi

echo "=== rendering the templates through the scaffolder dry-run into $work"
export BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING="${BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING:-postgresql://postgres@127.0.0.1:5432}"
export BACKSTAGE_TEST_DISABLE_DOCKER=1
(
  cd plugins/scaffolder-backend-module-model-hub
  MODEL_HUB_RENDER_DIR="$work" CI=true yarn backstage-cli package test \
    src/templates/ --testNamePattern 'on SQLITE'
)
for dir in typescript python publish-a-model; do
  [ -d "$work/$dir" ] || { echo "the dry-run wrote no $dir service" >&2; exit 1; }
done

echo "=== packing @model-hub/model-hub-drift"
# Built like a release (backstage-cli), then packed from a staging copy with
# the publishConfig applied, so the workspace's package.json is never touched.
[ -d dist-types/packages/model-hub-drift ] || yarn tsc
yarn workspace @model-hub/model-hub-drift build
stage="$work/.drift-package"
mkdir -p "$stage"
cp -r packages/model-hub-drift/dist packages/model-hub-drift/bin packages/model-hub-drift/README.md "$stage/"
node -e '
  const fs = require("fs");
  const pkg = JSON.parse(fs.readFileSync("packages/model-hub-drift/package.json", "utf8"));
  Object.assign(pkg, pkg.publishConfig);
  delete pkg.publishConfig; delete pkg.scripts; delete pkg.devDependencies;
  fs.writeFileSync(process.argv[1] + "/package.json", JSON.stringify(pkg, null, 2));
' "$stage"
tarball="$(cd "$stage" && npm pack --silent --pack-destination "$work")"

echo "=== TypeScript service: npm install, tsc, node:test"
(
  cd "$work/typescript"
  npm pkg set "dependencies.@model-hub/model-hub-drift=file:../$tarball"
  npm install --no-audit --no-fund --loglevel=error
  npm test
)

echo "=== Python service: py_compile, unittest"
(
  cd "$work/python"
  python3 -m py_compile $(find app tests -name '*.py')
  python3 -m unittest discover -s tests -t . -v
)

echo "=== publish-a-model: scripts compile"
python3 -m py_compile "$work/publish-a-model/scripts/build_version.py"

if [ "$keep" = 1 ]; then
  echo "=== generated services OK (kept in $work)"
else
  echo "=== generated services OK"
fi
