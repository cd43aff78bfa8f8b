#!/usr/bin/env node
/*
 * Load-test data generator: fills a running Model Hub app (PostgreSQL) through
 * its public APIs and a catalog location.
 *
 *   1. writes Group, User, System, Model and Component (service) entities as
 *      YAML files into --out (default data/load/catalog, git-ignored);
 *   2. serves that directory over HTTP on --serve-host:--serve-port and
 *      registers it as a `url` catalog location (POST /api/catalog/locations;
 *      the app refuses `file` locations there, and the load config overlay
 *      scripts/load/app-config.load.yaml allows the catalog to read the URL);
 *   3. waits until the catalog has ingested every generated model and service;
 *   4. publishes --versions-per-model versions of each model, each with a small
 *      drift reference (POST /api/model-hub/models/{ns}/{name}/versions);
 *   5. submits drift windows of --rows-per-report raw rows until --drift-rows
 *      rows were submitted in total, --windows-per-model windows per monitored
 *      model (POST .../versions/{v}/drift-reports);
 *   6. requests a review of the newest version of each monitored model (POST
 *      .../versions/{v}/reviews), so that the governance, reviews and audit
 *      reads the load run measures have reviews to read.
 *
 * Defaults are the issue's numbers: 10,000 models, 5,000 services, 5 versions
 * per model (50,000 versions) and 1,000,000 drift rows (10,000 windows of 100
 * rows on 1,000 monitored models). Re-running is safe: entity files are
 * rewritten identically, versions are republished with the same content (200),
 * and drift windows a model already has are not submitted again.
 *
 * Usage: node scripts/load/generate.mjs [--models N] [--services N]
 *   [--versions-per-model N] [--drift-rows N] [--rows-per-report N]
 *   [--windows-per-model N] [--concurrency N] [--base-url URL]
 *   [--out DIR] [--serve-host H] [--serve-port P] [--skip-catalog]
 *   [--skip-versions] [--skip-drift] [--skip-reviews]
 *   [--ingest-timeout SECONDS] [--dry-run]
 * --dry-run writes the entity files and prints the plan without calling the app.
 * Every flag can also be given as an environment variable, e.g. LOAD_MODELS.
 */
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { parseOptions, ROOT, usageOf } from './options.mjs';

// ---------------------------------------------------------------- options

const DEFAULTS = {
  models: 10000,
  services: 5000,
  'versions-per-model': 5,
  'drift-rows': 1000000,
  'rows-per-report': 100,
  'windows-per-model': 10,
  'reference-rows': 50,
  teams: 50,
  systems: 20,
  concurrency: 8,
  'base-url': 'http://localhost:7007',
  out: path.join(ROOT, 'data/load/catalog'),
  'serve-host': '127.0.0.1',
  'serve-port': 7790,
  'ingest-timeout': 3600,
  'skip-catalog': false,
  'skip-versions': false,
  'skip-drift': false,
  'skip-reviews': false,
  'dry-run': false,
};

// ---------------------------------------------------------------- helpers

/** Deterministic pseudo-random numbers: the same data on every run. */
function rng(seed) {
  let a = (seed * 2654435761) >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const pick = (r, list) => list[Math.floor(r() * list.length)];
const pad = (n, width) => String(n).padStart(width, '0');
const round = (x, d = 3) => Math.round(x * 10 ** d) / 10 ** d;

/** A minimal YAML emitter for plain data (strings are JSON-quoted, which YAML reads). */
function yamlLines(value, indent) {
  const lines = [];
  const key = k => (/^[A-Za-z0-9_./-]+$/.test(k) ? k : JSON.stringify(k));
  const scalar = v =>
    typeof v === 'string' ? JSON.stringify(v) : v === null ? 'null' : String(v);
  for (const [k, v] of Object.entries(value)) {
    if (v === undefined) continue;
    if (Array.isArray(v)) {
      if (v.length === 0) {
        lines.push(`${indent}${key(k)}: []`);
        continue;
      }
      lines.push(`${indent}${key(k)}:`);
      for (const item of v) {
        if (item !== null && typeof item === 'object') {
          const inner = yamlLines(item, `${indent}    `);
          inner[0] = `${indent}  - ${inner[0].slice(indent.length + 4)}`;
          lines.push(...inner);
        } else {
          lines.push(`${indent}  - ${scalar(item)}`);
        }
      }
    } else if (v !== null && typeof v === 'object') {
      if (Object.keys(v).length === 0) {
        lines.push(`${indent}${key(k)}: {}`);
        continue;
      }
      lines.push(`${indent}${key(k)}:`);
      lines.push(...yamlLines(v, `${indent}  `));
    } else {
      lines.push(`${indent}${key(k)}: ${scalar(v)}`);
    }
  }
  return lines;
}
const toYamlDocuments = entities =>
  `${entities.map(e => `---\n${yamlLines(e, '').join('\n')}\n`).join('')}`;

/** Runs fn over items with at most `limit` in flight. */
async function pool(items, limit, fn) {
  let next = 0;
  const workers = Array.from(
    { length: Math.min(limit, items.length) },
    async () => {
      while (next < items.length) {
        const i = next++;
        await fn(items[i], i);
      }
    },
  );
  await Promise.all(workers);
}

const seconds = ms => `${(ms / 1000).toFixed(1)} s`;
const fmt = n => n.toLocaleString('en-US');
function progress(label, done, total, startedAt, extra = '') {
  const elapsed = (Date.now() - startedAt) / 1000;
  const rate = done / Math.max(elapsed, 0.001);
  const eta = rate > 0 ? (total - done) / rate : 0;
  console.log(
    `  ${label}: ${fmt(done)}/${fmt(total)} (${rate.toFixed(
      1,
    )}/s, ${elapsed.toFixed(0)} s elapsed, ~${eta.toFixed(0)} s left)${extra}`,
  );
}

// ---------------------------------------------------------------- entities

const LABEL = { 'load-test': 'generated' };
const MODEL_TYPES = [
  'classification',
  'regression',
  'ranking',
  'recommendation',
  'forecasting',
  'anomaly-detection',
  'nlp',
];
const LIFECYCLES = [
  ...Array(12).fill('production'),
  ...Array(5).fill('experimental'),
  'deprecated',
  'deprecated',
  'retired',
];
const CATEGORIES = [
  ...Array(12).fill('minimal'),
  ...Array(4).fill('limited'),
  ...Array(3).fill('high'),
  'unacceptable',
];
const LICENSES = ['proprietary', 'apache-2.0', 'mit'];
const EXPOSURES = ['team', 'company', 'external'];
const DOMAINS = [
  'consumer-credit',
  'marketing',
  'energy',
  'payments',
  'e-commerce',
  'customer-care',
];

function names(opts) {
  const mw = Math.max(5, String(opts.models).length);
  const sw = Math.max(5, String(opts.services).length);
  return {
    model: i => `lt-model-${pad(i, mw)}`,
    service: i => `lt-svc-${pad(i, sw)}`,
    team: i => `lt-team-${pad(i, 3)}`,
    user: i => `lt-user-${pad(i, 4)}`,
    system: i => `lt-system-${pad(i, 3)}`,
    version: v => `1.${v}.0`,
  };
}

function buildEntities(opts) {
  const n = names(opts);
  const groups = [];
  const users = [];
  for (let t = 0; t < opts.teams; t++) {
    const members = [n.user(2 * t), n.user(2 * t + 1)];
    groups.push({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Group',
      metadata: { name: n.team(t), labels: LABEL },
      spec: { type: 'team', children: [], members },
    });
    for (const m of members) {
      users.push({
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'User',
        metadata: { name: m, labels: LABEL },
        spec: {
          profile: { displayName: m, email: `${m}@example.com` },
          memberOf: [n.team(t)],
        },
      });
    }
  }
  const systems = [];
  for (let s = 0; s < opts.systems; s++) {
    systems.push({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'System',
      metadata: { name: n.system(s), labels: LABEL },
      spec: { owner: `group:${n.team(s % opts.teams)}` },
    });
  }
  const models = [];
  for (let i = 0; i < opts.models; i++) {
    const r = rng(i + 1);
    const type = pick(r, MODEL_TYPES);
    const rating = () => 1 + Math.floor(r() * r() * 5);
    const name = n.model(i);
    const assessment = () => ({ likelihood: rating(), impact: rating() });
    models.push({
      apiVersion: 'model-hub.io/v1alpha1',
      kind: 'Model',
      metadata: {
        name,
        title: `Load model ${i} (${type})`,
        description: `Generated ${type} model number ${i} of the load test.`,
        tags: ['load-test', type],
        labels: LABEL,
      },
      spec: {
        type,
        lifecycle: pick(r, LIFECYCLES),
        owner: `group:${n.team(i % opts.teams)}`,
        system: n.system(i % opts.systems),
        version: n.version(opts['versions-per-model'] - 1),
        framework: {
          name: pick(r, ['xgboost', 'pytorch', 'scikit-learn', 'lightgbm']),
        },
        format: { name: 'onnx' },
        license: pick(r, LICENSES),
        intendedUse: {
          useCases: [`Load-test ${type} use case`],
          users: ['Load-test services'],
        },
        outOfScopeUses: ['Anything outside the load test'],
        limitations: ['Synthetic model'],
        trainingData: [
          { dataset: 'customer-activity', sensitive: false, role: 'training' },
        ],
        metrics: [{ name: 'auc', value: round(0.6 + r() * 0.35) }],
        serving: {
          mode: 'online',
          endpoint: `https://models.example.com/${name}/invocations`,
        },
        risk: {
          assessments: {
            unavailability: assessment(),
            wrongPrediction: assessment(),
            degradation: assessment(),
            skillsLoss: assessment(),
          },
          rationale: 'Generated for the load test.',
          regulatoryCategory: pick(r, CATEGORIES),
          businessDomain: pick(r, DOMAINS),
          exposure: pick(r, EXPOSURES),
          assessedAt: '2026-01-15',
          assessedBy: `user:${n.user((i % opts.teams) * 2)}`,
        },
      },
    });
  }
  const services = [];
  const latest = n.version(opts['versions-per-model'] - 1);
  const previous = n.version(Math.max(0, opts['versions-per-model'] - 2));
  for (let i = 0; i < opts.services; i++) {
    const r = rng(1_000_003 + i);
    const count = opts.models === 0 ? 0 : 1 + Math.floor(r() * 3);
    const used = [
      ...new Set(
        Array.from(
          { length: count },
          (_, k) => (i * 7 + k * 131) % opts.models,
        ),
      ),
    ];
    const pins =
      opts['versions-per-model'] > 0
        ? used
            .map(
              m =>
                `model:default/${n.model(m)}@${r() < 0.8 ? latest : previous}`,
            )
            .join(', ')
        : undefined;
    services.push({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: {
        name: n.service(i),
        description: `Generated service ${i} of the load test`,
        labels: LABEL,
        annotations: pins
          ? { 'model-hub.io/pinned-versions': pins }
          : undefined,
      },
      spec: {
        type: 'service',
        lifecycle: 'production',
        owner: `group:${n.team((i * 3) % opts.teams)}`,
        system: n.system(i % opts.systems),
        dependsOn: used.map(m => `model:${n.model(m)}`),
      },
    });
  }
  return { groups, users, systems, models, services };
}

/** Writes the entities in files of at most `chunk` entities, and a Location entity listing them. */
function writeCatalog(opts, entities) {
  fs.mkdirSync(opts.out, { recursive: true });
  for (const f of fs.readdirSync(opts.out)) {
    if (/^(models|services)-\d+\.yaml$/.test(f))
      fs.rmSync(path.join(opts.out, f));
  }
  const targets = [];
  const write = (file, list) => {
    fs.writeFileSync(path.join(opts.out, file), toYamlDocuments(list));
    targets.push(`./${file}`);
  };
  write('org.yaml', [
    ...entities.groups,
    ...entities.users,
    ...entities.systems,
  ]);
  const chunk = 500;
  for (const [prefix, list] of [
    ['models', entities.models],
    ['services', entities.services],
  ]) {
    for (let i = 0; i < list.length; i += chunk) {
      write(`${prefix}-${pad(i / chunk, 3)}.yaml`, list.slice(i, i + chunk));
    }
  }
  fs.writeFileSync(
    path.join(opts.out, 'all.yaml'),
    toYamlDocuments([
      {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Location',
        metadata: {
          name: 'model-hub-load',
          description:
            'Model Hub load-test entities (scripts/load/generate.mjs)',
          labels: LABEL,
        },
        spec: { targets },
      },
    ]),
  );
  return targets.length;
}

// ---------------------------------------------------------------- HTTP

class Api {
  constructor(baseUrl, token) {
    this.baseUrl = baseUrl.replace(/\/$/, '');
    this.token = token;
    this.retries = 0;
  }

  /** JSON request; retries network errors and 5xx/429 three times. Returns { status, body }. */
  async request(method, urlPath, body) {
    for (let attempt = 0; ; attempt++) {
      try {
        const res = await fetch(this.baseUrl + urlPath, {
          method,
          headers: {
            authorization: `Bearer ${this.token}`,
            ...(body === undefined
              ? {}
              : { 'content-type': 'application/json' }),
          },
          body: body === undefined ? undefined : JSON.stringify(body),
        });
        const text = await res.text();
        if ((res.status >= 500 || res.status === 429) && attempt < 3) {
          this.retries++;
          await new Promise(r => setTimeout(r, 500 * 2 ** attempt));
          continue;
        }
        let json;
        try {
          json = text ? JSON.parse(text) : undefined;
        } catch {
          json = text;
        }
        return { status: res.status, body: json };
      } catch (error) {
        if (attempt >= 3)
          return {
            status: 0,
            body: { error: { message: String(error.cause ?? error) } },
          };
        this.retries++;
        await new Promise(r => setTimeout(r, 500 * 2 ** attempt));
      }
    }
  }
}

const errorMessage = res =>
  `${res.status} ${
    typeof res.body === 'object'
      ? res.body?.error?.message ?? JSON.stringify(res.body)
      : res.body
  }`.slice(0, 300);

class Tally {
  constructor() {
    this.byStatus = {};
    this.samples = [];
  }
  add(res) {
    this.byStatus[res.status] = (this.byStatus[res.status] ?? 0) + 1;
    if ((res.status < 200 || res.status >= 300) && this.samples.length < 5)
      this.samples.push(errorMessage(res));
  }
  get ok() {
    return Object.entries(this.byStatus)
      .filter(([s]) => s >= 200 && s < 300)
      .reduce((a, [, c]) => a + c, 0);
  }
  get failed() {
    return Object.entries(this.byStatus)
      .filter(([s]) => !(s >= 200 && s < 300))
      .reduce((a, [, c]) => a + c, 0);
  }
  toString() {
    return Object.entries(this.byStatus)
      .map(([s, c]) => `${s}: ${fmt(c)}`)
      .join(', ');
  }
}

function serveDirectory(dir, host, port) {
  let served = 0;
  const server = http.createServer((req, res) => {
    const file = path
      .normalize(decodeURIComponent(new URL(req.url, 'http://x').pathname))
      .replace(/^(\.\.[/\\])+/, '');
    const full = path.join(dir, file);
    if (
      !full.startsWith(dir) ||
      !fs.existsSync(full) ||
      !fs.statSync(full).isFile()
    ) {
      res.writeHead(404).end();
      return;
    }
    served++;
    res.writeHead(200, { 'content-type': 'text/yaml' });
    fs.createReadStream(full).pipe(res);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve({ server, served: () => served }));
  });
}

async function countEntities(api, kind) {
  const res = await api.request(
    'GET',
    `/api/catalog/entities/by-query?filter=kind=${kind},metadata.labels.load-test=generated&limit=1&fields=metadata.name`,
  );
  if (res.status !== 200)
    throw new Error(`Catalog query failed: ${errorMessage(res)}`);
  return res.body.totalItems;
}

// ---------------------------------------------------------------- phases

async function catalogPhase(opts, api, entities) {
  const started = Date.now();
  const files = writeCatalog(opts, entities);
  console.log(
    `Catalog: wrote ${fmt(entities.models.length)} models, ${fmt(
      entities.services.length,
    )} services, ${entities.groups.length} groups, ${
      entities.users.length
    } users, ${entities.systems.length} systems in ${files} files under ${
      path.relative(ROOT, opts.out) || opts.out
    } (${seconds(Date.now() - started)})`,
  );
  const { server, served } = await serveDirectory(
    opts.out,
    opts['serve-host'],
    opts['serve-port'],
  );
  const target = `http://${opts['serve-host']}:${opts['serve-port']}/all.yaml`;
  try {
    const reg = await api.request('POST', '/api/catalog/locations', {
      type: 'url',
      target,
    });
    if (reg.status === 201) {
      console.log(`  registered url location ${target}`);
    } else if (reg.status === 409) {
      // Registered by an earlier run: have the catalog read the (rewritten)
      // files again, and keep serving until it has read all of them.
      const before = served();
      const roots = await api.request(
        'GET',
        `/api/catalog/entities/by-query?filter=kind=location,spec.target=${encodeURIComponent(
          target,
        )}&fields=kind,metadata.name,metadata.namespace`,
      );
      const refs = [
        ...(roots.body?.items ?? []).map(
          e =>
            `location:${e.metadata.namespace ?? 'default'}/${e.metadata.name}`,
        ),
        'location:default/model-hub-load',
      ];
      for (const entityRef of refs)
        await api.request('POST', '/api/catalog/refresh', { entityRef });
      console.log(
        `  location ${target} already registered; refreshing ${refs.join(
          ', ',
        )}`,
      );
      const until = Date.now() + 180_000;
      while (served() < before + files && Date.now() < until)
        await new Promise(r => setTimeout(r, 1000));
      if (served() < before + files)
        console.log(
          `  the catalog read ${served() - before} of ${
            files + 1
          } files within 180 s; going on`,
        );
    } else {
      throw new Error(
        `Registering ${target} failed: ${errorMessage(
          reg,
        )}\n  Is the backend running with scripts/load/app-config.load.yaml (backend.reading.allow ${
          opts['serve-host']
        }:${opts['serve-port']})?`,
      );
    }
    const deadline = Date.now() + opts['ingest-timeout'] * 1000;
    let last = '';
    let lastPrint = 0;
    for (;;) {
      const [models, services] = await Promise.all([
        countEntities(api, 'model'),
        countEntities(api, 'component'),
      ]);
      const line = `models ${fmt(models)}/${fmt(
        entities.models.length,
      )}, services ${fmt(services)}/${fmt(entities.services.length)}`;
      if (
        models >= entities.models.length &&
        services >= entities.services.length
      ) {
        console.log(`  ingested: ${line}`);
        break;
      }
      if (Date.now() > deadline)
        throw new Error(`Catalog ingestion timed out (${line})`);
      if (line !== last && Date.now() - lastPrint > 10000) {
        const elapsed = (Date.now() - started) / 1000;
        console.log(
          `  waiting for the catalog: ${line} (${elapsed.toFixed(0)} s, ${(
            (models + services) /
            elapsed
          ).toFixed(1)} entities/s)`,
        );
        last = line;
        lastPrint = Date.now();
      }
      await new Promise(r => setTimeout(r, 3000));
    }
  } finally {
    server.close();
  }
  const ms = Date.now() - started;
  const total = entities.models.length + entities.services.length;
  console.log(
    `Catalog: done in ${seconds(ms)} (${(total / (ms / 1000)).toFixed(
      1,
    )} models+services/s, ${served()} file reads)`,
  );
  return {
    ms,
    models: entities.models.length,
    services: entities.services.length,
  };
}

function referenceRows(modelIndex, count) {
  const r = rng(7_000_000 + modelIndex);
  return Array.from({ length: count }, () => ({
    tenure_months: Math.floor(r() * 60),
    monthly_spend: round(20 + r() * 80, 2),
    plan: pick(r, ['basic', 'plus', 'family']),
  }));
}

function publishBody(opts, n, i, v) {
  const r = rng(3_000_000 + i * 100 + v);
  const version = n.version(v);
  return {
    version,
    artifactUri: `s3://load-test/${n.model(i)}/${version}/model.onnx`,
    format: 'onnx',
    trainingRunUrl: `https://mlflow.example.com/#/runs/${n.model(i)}-${v}`,
    datasets: ['resource:default/customer-activity'],
    metrics: [
      { name: 'auc', value: round(0.6 + r() * 0.35) },
      {
        name: 'auc',
        value: round(0.55 + r() * 0.35),
        slice: 'tenure < 6 months',
      },
      { name: 'f1', value: round(0.5 + r() * 0.4) },
    ],
    signature: {
      inputs: [
        { name: 'tenure_months', type: 'long' },
        { name: 'monthly_spend', type: 'double' },
        { name: 'plan', type: 'string' },
      ],
      outputs: [{ name: 'score', type: 'double' }],
    },
    referenceProfile: { rows: referenceRows(i, opts['reference-rows']) },
  };
}

async function versionsPhase(opts, api) {
  const n = names(opts);
  const perModel = opts['versions-per-model'];
  const total = opts.models * perModel;
  if (total === 0) return { ms: 0, total: 0, tally: new Tally() };
  console.log(
    `Versions: publishing ${fmt(total)} (${perModel} per model, ${
      opts.concurrency
    } in flight)`,
  );
  const tally = new Tally();
  const started = Date.now();
  let done = 0;
  let lastPrint = Date.now();
  const models = Array.from({ length: opts.models }, (_, i) => i);
  // Each model's versions in order (so the newest is published last), models in parallel.
  await pool(models, opts.concurrency, async i => {
    for (let v = 0; v < perModel; v++) {
      const res = await api.request(
        'POST',
        `/api/model-hub/models/default/${n.model(i)}/versions`,
        publishBody(opts, n, i, v),
      );
      tally.add(res);
      done++;
      if (Date.now() - lastPrint > 10000) {
        lastPrint = Date.now();
        progress('versions', done, total, started, ` [${tally}]`);
      }
    }
  });
  const ms = Date.now() - started;
  console.log(
    `Versions: ${fmt(done)} in ${seconds(ms)} (${(done / (ms / 1000)).toFixed(
      1,
    )}/s) [${tally}]`,
  );
  for (const s of tally.samples) console.log(`  error: ${s}`);
  return { ms, total: done, tally };
}

/** The drift plan: which models are monitored and how many windows each gets. */
function driftPlan(opts) {
  const reports = Math.ceil(opts['drift-rows'] / opts['rows-per-report']);
  if (opts.models === 0 || opts['versions-per-model'] === 0 || reports === 0)
    return { reports: 0, monitored: [] };
  const perModel = Math.max(1, opts['windows-per-model']);
  const monitoredCount = Math.min(opts.models, Math.ceil(reports / perModel));
  const monitored = [];
  let left = reports;
  for (let k = 0; k < monitoredCount; k++) {
    // Spread over the models (and so over owners, systems and risk levels).
    const index = Math.floor((k * opts.models) / monitoredCount);
    const remaining = monitoredCount - k;
    const windows = Math.ceil(left / remaining);
    left -= windows;
    monitored.push({ index, windows });
  }
  return { reports, monitored };
}

function windowRows(modelIndex, window, count, shift) {
  const r = rng(9_000_000 + modelIndex * 1000 + window);
  return Array.from({ length: count }, () => ({
    tenure_months: Math.floor(r() * 60) + shift,
    monthly_spend: round(20 + r() * 80, 2),
    plan: pick(r, ['basic', 'plus', 'family']),
  }));
}

async function driftPhase(opts, api) {
  const n = names(opts);
  const { reports, monitored } = driftPlan(opts);
  if (reports === 0)
    return { ms: 0, submitted: 0, skipped: 0, rows: 0, tally: new Tally() };
  const latest = n.version(opts['versions-per-model'] - 1);
  const rowsPer = opts['rows-per-report'];
  console.log(
    `Drift: ${fmt(reports)} windows of ${fmt(rowsPer)} rows (${fmt(
      reports * rowsPer,
    )} rows) on ${fmt(monitored.length)} models, ${
      opts.concurrency
    } models in flight`,
  );
  const tally = new Tally();
  const started = Date.now();
  const day = 24 * 3600 * 1000;
  const today = Math.floor(Date.now() / day) * day;
  let submitted = 0;
  let skipped = 0;
  let lastPrint = Date.now();
  await pool(monitored, opts.concurrency, async ({ index, windows }) => {
    const model = n.model(index);
    const existing = await api.request(
      'GET',
      `/api/model-hub/models/default/${model}/drift-reports?limit=1`,
    );
    const have = existing.status === 200 ? existing.body.totalItems : 0;
    // Oldest window first, so the latest report is the newest window; a re-run resumes after `have`.
    for (let w = windows - 1 - have; w >= 0; w--) {
      // Models with index % 7 == 3 shift strongly in their three newest windows (drift), those with
      // index % 7 == 5 mildly (warning or drift); the others stay close to the reference.
      const shift =
        index % 7 === 3 && w < 3 ? 35 : index % 7 === 5 && w < 3 ? 8 : 0;
      const windowEnd = new Date(today - w * day);
      const res = await api.request(
        'POST',
        `/api/model-hub/models/default/${model}/versions/${latest}/drift-reports`,
        {
          environment: 'production',
          windowStart: new Date(windowEnd.getTime() - day).toISOString(),
          windowEnd: windowEnd.toISOString(),
          rows: windowRows(index, w, rowsPer, shift),
        },
      );
      tally.add(res);
      submitted++;
      if (Date.now() - lastPrint > 10000) {
        lastPrint = Date.now();
        progress(
          'drift windows',
          submitted + skipped,
          reports,
          started,
          ` [${tally}]`,
        );
      }
    }
    skipped += Math.min(have, windows);
  });
  const ms = Date.now() - started;
  const rows = tally.ok * rowsPer;
  console.log(
    `Drift: ${fmt(submitted)} windows submitted (${fmt(
      rows,
    )} rows accepted), ${fmt(skipped)} already there, in ${seconds(ms)} (${(
      submitted /
      (ms / 1000)
    ).toFixed(1)} windows/s, ${fmt(
      Math.round(rows / (ms / 1000)),
    )} rows/s) [${tally}]`,
  );
  for (const s of tally.samples) console.log(`  error: ${s}`);
  return { ms, submitted, skipped, rows, tally };
}

/**
 * One review request per monitored model, on its newest version: requested by
 * the CI token, as a pipeline requests them. A model that has a review already
 * is left as it is (a second request would supersede the first).
 */
async function reviewsPhase(opts, api) {
  const n = names(opts);
  const { monitored } = driftPlan(opts);
  if (monitored.length === 0)
    return { ms: 0, requested: 0, skipped: 0, tally: new Tally() };
  const latest = n.version(opts['versions-per-model'] - 1);
  console.log(
    `Reviews: one request on ${fmt(monitored.length)} models, ${
      opts.concurrency
    } in flight`,
  );
  const tally = new Tally();
  const started = Date.now();
  let requested = 0;
  let skipped = 0;
  await pool(monitored, opts.concurrency, async ({ index }) => {
    const model = n.model(index);
    const existing = await api.request(
      'GET',
      `/api/model-hub/models/default/${model}/reviews?limit=1`,
    );
    if (existing.status === 200 && existing.body.totalItems > 0) {
      skipped++;
      return;
    }
    tally.add(
      await api.request(
        'POST',
        `/api/model-hub/models/default/${model}/versions/${latest}/reviews`,
        {
          comment: 'Load test: ready for review',
          evidence: {
            technicalDocumentation: `https://docs.example.com/models/${model}/card`,
          },
        },
      ),
    );
    requested++;
  });
  const ms = Date.now() - started;
  console.log(
    `Reviews: ${fmt(requested)} requested, ${fmt(
      skipped,
    )} already there, in ${seconds(ms)} [${tally}]`,
  );
  for (const s of tally.samples) console.log(`  error: ${s}`);
  return { ms, requested, skipped, tally };
}

// ---------------------------------------------------------------- main

async function main() {
  const usage = usageOf(import.meta.url);
  // The token comes from the environment only: command lines show in `ps`.
  const token = process.env.MODEL_HUB_TOKEN ?? 'model-hub-load-test-token';
  const opts = parseOptions(process.argv.slice(2), DEFAULTS, usage);
  opts.out = path.resolve(opts.out);
  const api = new Api(opts['base-url'], token);
  const n = names(opts);
  console.log(
    `Model Hub load data: ${fmt(opts.models)} models, ${fmt(
      opts.services,
    )} services, ${fmt(
      opts.models * opts['versions-per-model'],
    )} versions, ${fmt(opts['drift-rows'])} drift rows -> ${opts['base-url']}`,
  );
  if (opts['dry-run']) {
    const files = writeCatalog(opts, buildEntities(opts));
    const plan = driftPlan(opts);
    console.log(
      `Dry run: ${files} entity files in ${opts.out}; drift: ${fmt(
        plan.reports,
      )} windows on ${fmt(plan.monitored.length)} models`,
    );
    return;
  }
  const ping = await api.request(
    'GET',
    '/api/catalog/entities/by-query?limit=1',
  );
  if (ping.status !== 200)
    throw new Error(
      `The backend at ${opts['base-url']} does not answer: ${errorMessage(
        ping,
      )}`,
    );

  const started = Date.now();
  const entities = buildEntities(opts);
  const result = {
    catalog: { ms: 0 },
    versions: { ms: 0, total: 0 },
    drift: { ms: 0, submitted: 0, rows: 0 },
    reviews: { ms: 0, requested: 0 },
  };
  if (!opts['skip-catalog'])
    result.catalog = await catalogPhase(opts, api, entities);
  if (!opts['skip-versions']) result.versions = await versionsPhase(opts, api);
  if (!opts['skip-drift']) result.drift = await driftPhase(opts, api);
  if (!opts['skip-reviews']) result.reviews = await reviewsPhase(opts, api);
  const total = Date.now() - started;

  const plan = driftPlan(opts);
  const manifest = {
    generatedAt: new Date().toISOString(),
    baseUrl: opts['base-url'],
    options: Object.fromEntries(
      Object.entries(opts).filter(([k]) => k !== 'token'),
    ),
    models: entities.models.map(e => e.metadata.name),
    services: entities.services.map(e => e.metadata.name),
    latestVersion: n.version(opts['versions-per-model'] - 1),
    driftModels: plan.monitored.map(m => n.model(m.index)),
    durationsMs: {
      catalog: result.catalog.ms,
      versions: result.versions.ms,
      drift: result.drift.ms,
      reviews: result.reviews.ms,
      total,
    },
  };
  fs.mkdirSync(opts.out, { recursive: true });
  fs.writeFileSync(
    path.join(opts.out, 'manifest.json'),
    JSON.stringify(manifest, null, 1),
  );

  const failed =
    (result.versions.tally?.failed ?? 0) +
    (result.drift.tally?.failed ?? 0) +
    (result.reviews.tally?.failed ?? 0);
  console.log('');
  console.log('| phase | items | duration | rate |');
  console.log('| --- | ---: | ---: | ---: |');
  const row = (phase, items, ms, unit) =>
    console.log(
      `| ${phase} | ${items} | ${seconds(ms)} | ${
        ms
          ? `${(
              Number(String(items).replace(/[^0-9]/g, '')) /
              (ms / 1000)
            ).toFixed(1)} ${unit}/s`
          : '-'
      } |`,
    );
  row(
    'catalog (models + services)',
    fmt((result.catalog.models ?? 0) + (result.catalog.services ?? 0)),
    result.catalog.ms,
    'entities',
  );
  row('versions', fmt(result.versions.total), result.versions.ms, 'versions');
  row('drift windows', fmt(result.drift.submitted), result.drift.ms, 'windows');
  console.log(`| drift rows accepted | ${fmt(result.drift.rows)} | | |`);
  row(
    'review requests',
    fmt(result.reviews.requested),
    result.reviews.ms,
    'requests',
  );
  console.log(`| total | | ${seconds(total)} | |`);
  console.log(
    `\nHTTP retries: ${
      api.retries
    }; failed requests: ${failed}; manifest: ${path.relative(
      ROOT,
      path.join(opts.out, 'manifest.json'),
    )}`,
  );
  if (failed > 0) process.exitCode = 1;
}

main().catch(error => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
