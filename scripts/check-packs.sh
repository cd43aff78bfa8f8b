#!/usr/bin/env bash
# Builds and packs every publishable package (each workspace whose package.json
# is not `private`) the way `npm publish` would see it, and checks each tarball:
#
#   - package.json has no `private`, its license is Apache-2.0, no `workspace:`
#     ranges are left in its dependencies;
#   - `main`, `module`, `types` and `bin` point at files in the tarball, and
#     main/types lie under dist/; dist/*.d.ts exists (not for `cli` packages,
#     which the Backstage CLI builds without type declarations);
#   - config.d.ts (or a generated config schema) is there when the package has one;
#   - migrations/*.js and src/schema/openapi.yaml are there when the package has them
#     (the backend);
#   - no test files (*.test.ts and the like) are shipped.
#
# The tarballs stay in dist-packs/ (git-ignored; MODEL_HUB_PACKS_DIR overrides),
# where scripts/adoption-test.sh installs them from.
#
#   ./scripts/check-packs.sh           yarn tsc, then build, pack and check each package
#   ./scripts/check-packs.sh --no-build  pack and check the existing builds
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/bootstrap.sh
mh_install_deps

build=1
for arg in "$@"; do
  case "$arg" in
    --no-build) build=0 ;;
    *) echo "unknown argument: $arg" >&2; exit 2 ;;
  esac
done

root="$PWD"
out="${MODEL_HUB_PACKS_DIR:-$root/dist-packs}"
mkdir -p "$out"
rm -f "$out"/*.tgz

# Workspaces that are published: everything under packages/ and plugins/ without `private`.
mapfile -t dirs < <(node -e '
  const fs = require("fs");
  for (const base of ["plugins", "packages"]) {
    for (const d of fs.readdirSync(base).sort()) {
      const f = `${base}/${d}/package.json`;
      if (fs.existsSync(f) && !JSON.parse(fs.readFileSync(f, "utf8")).private) console.log(`${base}/${d}`);
    }
  }')
if [ "${#dirs[@]}" = 0 ]; then
  echo "check-packs: no publishable packages found" >&2
  exit 1
fi

log="$(mktemp -d)"
trap 'rm -rf "$log"' EXIT

if [ "$build" = 1 ]; then
  echo "=== yarn tsc (type declarations for the builds)"
  yarn tsc >"$log/tsc.log" 2>&1 || { cat "$log/tsc.log"; echo "FAIL: yarn tsc" >&2; exit 1; }
fi

status=0
for dir in "${dirs[@]}"; do
  name="$(node -p "require('./$dir/package.json').name")"
  if [ "$build" = 1 ]; then
    if ! (cd "$dir" && yarn backstage-cli package build) >"$log/build.log" 2>&1; then
      cat "$log/build.log"
      echo "FAIL $name ($dir): backstage-cli package build failed"
      status=1
      continue
    fi
  fi
  before="$(ls "$out")"
  if ! (cd "$dir" && yarn pack --out "$out/%s-%v.tgz") >"$log/pack.log" 2>&1; then
    cat "$log/pack.log"
    echo "FAIL $name ($dir): yarn pack failed"
    status=1
    continue
  fi
  tgz="$(comm -13 <(echo "$before") <(ls "$out") | head -n1)"
  if [ -z "$tgz" ]; then
    echo "FAIL $name ($dir): yarn pack wrote no tarball to $out"
    status=1
    continue
  fi
  node - "$root/$dir" "$out/$tgz" <<'NODE' || status=1
const { execFileSync } = require('child_process');
const fs = require('fs');
const path = require('path');
const [dir, tgz] = process.argv.slice(process.argv[1] === '-' ? 2 : 1);
const src = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
const files = execFileSync('tar', ['-tzf', tgz], { encoding: 'utf8' })
  .split('\n')
  .filter(f => f && !f.endsWith('/'))
  .map(f => f.replace(/^package\//, ''));
const has = new Set(files);
const pkg = JSON.parse(
  execFileSync('tar', ['-xzOf', tgz, 'package/package.json'], { encoding: 'utf8' }),
);
const problems = [];
const norm = p => path.posix.normalize(p).replace(/^\.\//, '');

if ('private' in pkg) problems.push(`package.json has "private": ${pkg.private}`);
if (pkg.license !== 'Apache-2.0') problems.push(`license is ${JSON.stringify(pkg.license)}, not "Apache-2.0"`);
for (const field of ['dependencies', 'peerDependencies', 'optionalDependencies']) {
  for (const [dep, range] of Object.entries(pkg[field] ?? {})) {
    if (String(range).startsWith('workspace:')) problems.push(`${field}.${dep} is still "${range}"`);
  }
}
// The Backstage CLI builds `cli` packages without type declarations: they are
// run, not imported, so they need no `types` and no dist/*.d.ts.
const isCli = pkg.backstage?.role === 'cli';
for (const field of isCli ? ['main'] : ['main', 'types']) {
  if (!pkg[field]) problems.push(`package.json has no "${field}"`);
  else if (!norm(pkg[field]).startsWith('dist/')) problems.push(`"${field}" is ${pkg[field]}, not under dist/`);
}
for (const field of ['main', 'module', 'types']) {
  if (pkg[field] && !has.has(norm(pkg[field]))) problems.push(`"${field}" points at ${pkg[field]}, which is not in the tarball`);
}
const bins = typeof pkg.bin === 'string' ? { [pkg.name]: pkg.bin } : pkg.bin ?? {};
for (const [bin, file] of Object.entries(bins)) {
  if (!has.has(norm(file))) problems.push(`bin "${bin}" points at ${file}, which is not in the tarball`);
}
if (!isCli && !files.some(f => /^dist\/[^/]+\.d\.ts$/.test(f))) problems.push('no dist/*.d.ts type declarations');
if (fs.existsSync(path.join(dir, 'config.d.ts'))) {
  if (!has.has('config.d.ts') && !files.some(f => /config\.schema\.json$|\.config-schema\.json$/.test(f))) {
    problems.push('config.d.ts (or a generated config schema) is missing');
  }
  if (pkg.configSchema && typeof pkg.configSchema === 'string' && !has.has(norm(pkg.configSchema))) {
    problems.push(`"configSchema" points at ${pkg.configSchema}, which is not in the tarball`);
  }
}
const migrationsDir = path.join(dir, 'migrations');
if (fs.existsSync(migrationsDir)) {
  const migrations = fs.readdirSync(migrationsDir).filter(f => f.endsWith('.js'));
  if (migrations.length === 0) problems.push('migrations/ has no .js files');
  for (const m of migrations) {
    if (!has.has(`migrations/${m}`)) problems.push(`migrations/${m} is missing`);
  }
}
if (fs.existsSync(path.join(dir, 'src/schema/openapi.yaml')) && !has.has('src/schema/openapi.yaml')) {
  problems.push('src/schema/openapi.yaml (the OpenAPI spec) is missing');
}
const tests = files.filter(f => /\.test\.[cm]?[jt]sx?$/.test(f) || /(^|\/)__(tests|fixtures)__\//.test(f));
if (tests.length) problems.push(`test files are shipped: ${tests.slice(0, 5).join(', ')}${tests.length > 5 ? ', ...' : ''}`);

const size = fs.statSync(tgz).size;
const label = `${pkg.name}@${pkg.version}`.padEnd(72);
if (problems.length) {
  console.log(`FAIL ${label} ${path.basename(tgz)}`);
  for (const p of problems) console.log(`       - ${pkg.name}: ${p}`);
  process.exit(1);
}
console.log(`PASS ${label} ${String(files.length).padStart(4)} files ${(size / 1024).toFixed(1).padStart(7)} KiB`);
NODE
done

echo
if [ "$status" != 0 ]; then
  echo "check-packs: FAILED (see the FAIL lines above); tarballs in $out" >&2
  exit 1
fi
echo "check-packs: ${#dirs[@]} packages OK; tarballs in $out"
