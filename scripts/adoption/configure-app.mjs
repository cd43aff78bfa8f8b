/*
 * Wires Model Hub into an app made by @backstage/create-app, the way the
 * install sections of plugins/*\/README.md tell an adopter to, with the
 * packages installed from the tarballs of scripts/check-packs.sh.
 *
 *   node scripts/adoption/configure-app.mjs <appDir> <packsDir> <port> <token> <model>
 *
 * What it changes in the app:
 * - package.json: `resolutions` send every @model-hub/* package to its tarball
 *   (they are not on the registry) and carry this repository's registry pins;
 *   `packageManager`, `dependenciesMeta` and .yarnrc.yml/yarnPath are this
 *   repository's, so the same Yarn and the same pins apply;
 * - packages/backend: the backend plugin, the catalog module and the
 *   scaffolder module as dependencies and `backend.add(import(...))`;
 * - packages/app: the frontend plugin as a dependency (`app.packages: all`
 *   discovers it);
 * - app-config.yaml: `catalog.rules` with `Model`, a location with one example
 *   Model and its owner group (from examples/model-hub), and the templates;
 * - app-config.local.yaml: this test's environment only (port, a static
 *   external access token for the API checks).
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import YAML from 'yaml';

const repo = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../..',
);
const [appDir, packsDir, port, token, modelName] = process.argv.slice(2);
if (!modelName) {
  console.error(
    'usage: configure-app.mjs <appDir> <packsDir> <port> <token> <model>',
  );
  process.exit(2);
}

const readJson = file => JSON.parse(fs.readFileSync(file, 'utf8'));
const writeJson = (file, value) =>
  fs.writeFileSync(file, `${JSON.stringify(value, null, 2)}\n`);
const app = (...parts) => path.join(appDir, ...parts);
function fail(message) {
  console.error(`configure-app: ${message}`);
  process.exit(1);
}

// The tarballs: name -> { version, file }.
const tarballs = new Map();
for (const file of fs.readdirSync(packsDir).filter(f => f.endsWith('.tgz'))) {
  const m = file.match(/^@model-hub-(.+)-(\d+\.\d+\.\d+(?:-[\w.]+)?)\.tgz$/);
  if (!m) fail(`unexpected tarball name ${file}`);
  tarballs.set(`@model-hub/${m[1]}`, {
    version: m[2],
    file: path.resolve(packsDir, file),
  });
}
const range = name => {
  const t = tarballs.get(name);
  if (!t) fail(`no tarball for ${name} in ${packsDir}`);
  return `^${t.version}`;
};

// Root package.json and Yarn.
const repoPkg = readJson(path.join(repo, 'package.json'));
const rootPkg = readJson(app('package.json'));
rootPkg.resolutions = {
  ...rootPkg.resolutions,
  ...repoPkg.resolutions,
  ...Object.fromEntries(
    [...tarballs].map(([name, t]) => [name, `file:${t.file}`]),
  ),
};
rootPkg.packageManager = repoPkg.packageManager;
if (repoPkg.dependenciesMeta) {
  rootPkg.dependenciesMeta = {
    ...rootPkg.dependenciesMeta,
    ...repoPkg.dependenciesMeta,
  };
}
writeJson(app('package.json'), rootPkg);

const yarnrc = fs.readFileSync(path.join(repo, '.yarnrc.yml'), 'utf8');
const yarnPath = YAML.parse(yarnrc).yarnPath;
fs.mkdirSync(path.dirname(app(yarnPath)), { recursive: true });
fs.copyFileSync(path.join(repo, yarnPath), app(yarnPath));
fs.writeFileSync(app('.yarnrc.yml'), yarnrc);

// Backend: dependencies (what `yarn --cwd packages/backend add` would write)
// and the modules, as the READMEs of the backend plugin, the catalog module
// and the scaffolder module show.
const backendModules = [
  '@model-hub/backstage-plugin-catalog-backend-module-model-hub',
  '@model-hub/backstage-plugin-model-hub-backend',
  '@model-hub/backstage-plugin-scaffolder-backend-module-model-hub',
];
const backendPkg = readJson(app('packages/backend/package.json'));
for (const name of backendModules) backendPkg.dependencies[name] = range(name);
// The READMEs also name these; create-app already installs them.
for (const name of [
  '@backstage/plugin-catalog-backend',
  '@backstage/plugin-notifications-backend',
  '@backstage/plugin-scaffolder-backend',
  '@backstage/plugin-scaffolder-backend-module-github',
]) {
  if (!backendPkg.dependencies[name]) {
    fail(`packages/backend has no ${name}; the READMEs expect it`);
  }
}
writeJson(app('packages/backend/package.json'), backendPkg);

const indexFile = app('packages/backend/src/index.ts');
let index = fs.readFileSync(indexFile, 'utf8');
for (const name of [
  '@backstage/plugin-catalog-backend',
  '@backstage/plugin-notifications-backend',
  '@backstage/plugin-scaffolder-backend',
  '@backstage/plugin-scaffolder-backend-module-github',
]) {
  if (!index.includes(`import('${name}')`)) {
    fail(`packages/backend/src/index.ts does not add ${name}`);
  }
}
if (!index.includes('backend.start();')) {
  fail('packages/backend/src/index.ts has no backend.start()');
}
index = index.replace(
  'backend.start();',
  [
    '// Model Hub',
    ...backendModules.map(name => `backend.add(import('${name}'));`),
    '',
    'backend.start();',
  ].join('\n'),
);
fs.writeFileSync(indexFile, index);

// Frontend: the dependency only; `app.packages: all` discovers the plugin.
const appPkg = readJson(app('packages/app/package.json'));
appPkg.dependencies['@model-hub/backstage-plugin-model-hub'] = range(
  '@model-hub/backstage-plugin-model-hub',
);
writeJson(app('packages/app/package.json'), appPkg);

// Example data: one Model and the Group that owns it, from examples/model-hub.
const docs = file =>
  YAML.parseAllDocuments(
    fs.readFileSync(path.join(repo, 'examples/model-hub', file), 'utf8'),
  ).map(d => d.toJS());
const model = docs('models.yaml').find(
  e => e.kind === 'Model' && e.metadata.name === modelName,
);
if (!model) fail(`examples/model-hub/models.yaml has no Model ${modelName}`);
const ownerName = String(model.spec.owner).replace(/^group:(default\/)?/, '');
const owner = docs('org.yaml').find(
  e => e.kind === 'Group' && e.metadata.name === ownerName,
);
if (!owner) fail(`examples/model-hub/org.yaml has no Group ${ownerName}`);
delete owner.spec.parent; // its parent group is not part of this example
fs.writeFileSync(
  app('examples/model-hub.yaml'),
  [owner, model].map(e => YAML.stringify(e)).join('---\n'),
);

// The templates, registered as the scaffolder module's README says.
fs.cpSync(path.join(repo, 'templates'), app('templates'), { recursive: true });

// app-config.yaml: what the READMEs ask for.
const configFile = app('app-config.yaml');
const config = YAML.parseDocument(fs.readFileSync(configFile, 'utf8'));
const flowList = items => {
  const node = config.createNode(items);
  node.flow = true;
  return node;
};
// catalog.rules replaces the default allow-list: every kind loaded, and Model.
config.setIn(
  ['catalog', 'rules'],
  config.createNode([
    {
      allow: flowList([
        'Component',
        'System',
        'Domain',
        'API',
        'Resource',
        'Location',
        'Group',
        'User',
        'Model',
      ]),
    },
  ]),
);
const locations = config.getIn(['catalog', 'locations']);
locations.add(
  config.createNode({ type: 'file', target: '../../examples/model-hub.yaml' }),
);
locations.add(
  config.createNode({
    type: 'file',
    target: '../../templates/all.yaml',
    rules: [{ allow: flowList(['Template', 'Location']) }],
  }),
);
fs.writeFileSync(
  configFile,
  config.toString({ flowCollectionPadding: false, lineWidth: 0 }),
);

// app-config.local.yaml: this test's environment. The frontend is built and
// served by the backend (plugin-app-backend), so both share one origin.
const baseUrl = `http://localhost:${port}`;
fs.writeFileSync(
  app('app-config.local.yaml'),
  YAML.stringify({
    app: { baseUrl },
    // Windows of more than 1,000 values are judged in a worker thread: the
    // test's window runs the packed worker.
    modelHub: { drift: { workerThreshold: 1000 } },
    backend: {
      baseUrl,
      listen: { port: Number(port) },
      cors: { origin: baseUrl },
      auth: {
        externalAccess: [
          {
            type: 'static',
            options: { token, subject: 'adoption-test' },
          },
        ],
      },
    },
  }),
);

console.log(
  `detail: backend +${backendModules.length} modules, app +1 plugin, catalog: Model ${modelName}, Group ${ownerName}, templates`,
);
