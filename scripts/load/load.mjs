#!/usr/bin/env node
/*
 * Load test of Model Hub's read paths with autocannon, against a running app
 * filled by scripts/load/generate.mjs. Each endpoint is hammered in turn by
 * --connections clients for --duration seconds (after a short warm-up), with
 * the requests rotating over many models. The yardstick is measured in the
 * same rounds as each endpoint (--rounds alternating slices of the duration
 * each), so that each ratio compares two measurements taken under the same
 * background load: the catalog's own processing and Model Hub's index refresh
 * come and go within minutes.
 *
 *   catalog entity-by-name   GET  /api/catalog/entities/by-name/model/default/{name}  (the yardstick)
 *   status                   POST /api/model-hub/status  {"entityRefs": ["model:default/{name}"]}
 *   models list              GET  /api/model-hub/models?limit=20&offset={page}
 *   models list, risk filter GET  /api/model-hub/models?limit=20&riskLevel={level}   (informational)
 *   drift listing            GET  /api/model-hub/models/default/{name}/drift-reports?limit=20
 *   the other per-model reads of the model page, each on its own:
 *     overview               GET  /api/model-hub/models/default/{name}
 *     governance             GET  /api/model-hub/models/default/{name}/governance
 *     versions               GET  /api/model-hub/models/default/{name}/versions?limit=10
 *     reviews                GET  /api/model-hub/models/default/{name}/reviews?limit=10
 *     audit events           GET  /api/model-hub/models/default/{name}/audit-events?limit=10
 *     scorecard              GET  /api/model-hub/scorecards/model/default/{name}
 *   (the models with drift windows and reviews, the generator's driftModels)
 *   catalog list             GET  /api/catalog/entities/by-query?filter=kind=model&limit=20&offset={page}   (informational, last)
 *
 * Prints a markdown table (requests, p50/p95/p99 over all responses, non-2xx,
 * errors, the catalog's p95 in the same rounds and the ratio to it) with the
 * machine and data set described, and writes it to --out when given.
 *
 * Usage: node scripts/load/load.mjs [--connections 50] [--duration 20]
 *   [--rounds 4] [--warmup 3] [--timeout 10] [--base-url URL]
 *   [--manifest data/load/catalog/manifest.json] [--out FILE]
 *   [--only status,drift,...] [--target 1.5] [--pg-host 127.0.0.1]
 *   [--analyze false]  (skip VACUUM ANALYZE of the load databases when the
 *                       server runs without autovacuum)
 *   [--backend-pid PID] (the backend's process, when it runs on this machine:
 *                       the table then gives the CPU time the backend and the
 *                       PostgreSQL server spent per request, read from /proc)
 * Every flag can also be given as an environment variable, e.g. LOAD_DURATION.
 */
import autocannon from 'autocannon';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseOptions, ROOT, usageOf } from './options.mjs';
import { percentile } from './percentile.mjs';

const DEFAULTS = {
  connections: 50,
  duration: 20,
  rounds: 4,
  warmup: 3,
  timeout: 10,
  'base-url': 'http://localhost:7007',
  manifest: path.join(ROOT, 'data/load/catalog/manifest.json'),
  out: '',
  only: '',
  target: 1.5,
  'pg-host': '127.0.0.1',
  'pg-port': 5432,
  'pg-user': 'postgres',
  analyze: true,
  'backend-pid': 0,
};

const usage = usageOf(import.meta.url);
// The token comes from the environment only: command lines show in `ps`.
const token = process.env.MODEL_HUB_TOKEN ?? 'model-hub-load-test-token';
const opts = parseOptions(process.argv.slice(2), DEFAULTS, usage);
const baseUrl = opts['base-url'].replace(/\/$/, '');
const auth = { authorization: `Bearer ${token}` };
const fmt = n => n.toLocaleString('en-US');

async function getJson(urlPath, init = {}) {
  const res = await fetch(baseUrl + urlPath, {
    ...init,
    headers: { ...auth, ...init.headers },
  });
  const text = await res.text();
  let body;
  try {
    body = JSON.parse(text);
  } catch {
    body = text;
  }
  return { status: res.status, body };
}

/** The models to rotate over: the generator's manifest, or the catalog's load-test models. */
async function loadTargets() {
  if (fs.existsSync(opts.manifest)) {
    const manifest = JSON.parse(fs.readFileSync(opts.manifest, 'utf8'));
    return {
      source: path.relative(ROOT, opts.manifest),
      models: manifest.models,
      driftModels: manifest.driftModels.length
        ? manifest.driftModels
        : manifest.models,
      manifest,
    };
  }
  const models = [];
  let cursor;
  do {
    const query = cursor
      ? `cursor=${encodeURIComponent(cursor)}`
      : 'filter=kind=model,metadata.labels.load-test=generated&fields=metadata.name&limit=1000';
    const res = await getJson(
      `/api/catalog/entities/by-query?${query}&limit=1000`,
    );
    if (res.status !== 200)
      throw new Error(`Catalog query failed: ${res.status}`);
    models.push(...res.body.items.map(e => e.metadata.name));
    cursor = res.body.pageInfo?.nextCursor;
  } while (cursor);
  return { source: 'catalog (no manifest)', models, driftModels: models };
}

function shuffled(list, seed = 42) {
  const out = [...list];
  let s = seed;
  for (let i = out.length - 1; i > 0; i--) {
    s = (s * 1103515245 + 12345) % 2147483648;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

function endpoints(targets, totalModels) {
  const models = shuffled(targets.models);
  const driftModels = shuffled(targets.driftModels);
  const pages = Math.max(1, Math.min(50, Math.ceil(totalModels / 20)));
  const levels = ['Low', 'Medium', 'High', 'Severe'];
  const rotate = list => {
    let k = 0;
    return () => list[k++ % list.length];
  };
  const nextModel = () => rotate(models);
  return [
    {
      id: 'catalog',
      title: 'catalog entity-by-name (yardstick)',
      yardstick: true,
      next: (m => () => ({
        method: 'GET',
        path: `/api/catalog/entities/by-name/model/default/${m()}`,
      }))(nextModel()),
      check: body => body?.metadata?.name,
    },
    {
      id: 'status',
      title: 'status (POST /status, one model)',
      next: (m => () => ({
        method: 'POST',
        path: '/api/model-hub/status',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ entityRefs: [`model:default/${m()}`] }),
      }))(nextModel()),
      check: body => body?.items?.[0]?.found === true,
    },
    {
      id: 'models',
      title: 'models list (limit 20, first 50 pages)',
      next: (p => () => ({
        method: 'GET',
        path: `/api/model-hub/models?limit=20&offset=${p() * 20}`,
      }))(rotate(Array.from({ length: pages }, (_, i) => i))),
      check: body => Array.isArray(body?.items) && body.items.length > 0,
    },
    {
      id: 'models-risk',
      title: 'models list, risk filter (informational)',
      informational: true,
      next: (l => () => ({
        method: 'GET',
        path: `/api/model-hub/models?limit=20&riskLevel=${l()}`,
      }))(rotate(levels)),
      check: body => Array.isArray(body?.items),
    },
    {
      id: 'drift',
      title: 'drift listing (limit 20)',
      next: (m => () => ({
        method: 'GET',
        path: `/api/model-hub/models/default/${m()}/drift-reports?limit=20`,
      }))(rotate(driftModels)),
      check: body => body?.totalItems > 0,
    },
    ...modelPageReads(rotate(driftModels)),
    {
      // The catalog's own list of the same page, for comparison: a list page
      // with its total count costs more than one entity by name. Measured
      // last: at seconds per request it leaves the catalog a backlog that
      // would land in the next endpoint's rounds.
      id: 'catalog-list',
      title: 'catalog list, same pages (informational)',
      informational: true,
      next: (p => () => ({
        method: 'GET',
        path: `/api/catalog/entities/by-query?filter=kind=model&limit=20&offset=${
          p() * 20
        }&orderField=metadata.title,asc`,
      }))(rotate(Array.from({ length: pages }, (_, i) => i))),
      check: body => Array.isArray(body?.items) && body.items.length > 0,
    },
  ];
}

/**
 * The reads the model page makes besides the drift listing, each measured on
 * its own, on the models that have drift windows and a review.
 */
function modelPageReads(nextModel) {
  const base = '/api/model-hub/models/default';
  const read = (id, title, pathOf, check) => ({
    id,
    title,
    next: () => ({ method: 'GET', path: pathOf(nextModel()) }),
    check,
  });
  return [
    read(
      'overview',
      'model overview',
      m => `${base}/${m}`,
      body =>
        typeof body?.modelRef === 'string' && Array.isArray(body?.aliases),
    ),
    read(
      'governance',
      'governance summary',
      m => `${base}/${m}/governance`,
      body => Array.isArray(body?.versions) && body.versions.length > 0,
    ),
    read(
      'versions',
      'versions (limit 10)',
      m => `${base}/${m}/versions?limit=10`,
      body => body?.totalItems > 0,
    ),
    read(
      'reviews',
      'reviews (limit 10)',
      m => `${base}/${m}/reviews?limit=10`,
      body => body?.totalItems > 0,
    ),
    read(
      'audit',
      'audit events (limit 10)',
      m => `${base}/${m}/audit-events?limit=10`,
      body => body?.totalItems > 0,
    ),
    read(
      'scorecard',
      'golden-path scorecard',
      m => `/api/model-hub/scorecards/model/default/${m}`,
      body => Array.isArray(body?.verdicts),
    ),
  ];
}

/** One measured slice of an endpoint. */
async function measureSlice(e, seconds) {
  const before = cpuTimes();
  const { result, latencies, checks } = await cannon(e, {
    connections: opts.connections,
    duration: seconds,
    measure: true,
  });
  const after = cpuTimes();
  return { result, latencies, checks, cpu: cpuSpent(before, after) };
}

/** CPU time (ms) of one process, from /proc; undefined when it is not there. */
function processCpuMs(pid) {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name: utime and stime are the 12th and 13th.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]);
    return (ticks * 1000) / CLOCK_TICKS;
  } catch {
    return undefined;
  }
}

// Linux's USER_HZ; /proc reports CPU time in these ticks.
const CLOCK_TICKS = 100;

/** The backend's CPU time and each PostgreSQL server process's, when asked for. */
function cpuTimes() {
  if (!opts['backend-pid']) return undefined;
  const postgres = new Map();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (fs.readFileSync(`/proc/${entry}/comm`, 'utf8').trim() !== 'postgres')
        continue;
    } catch {
      continue;
    }
    const ms = processCpuMs(entry);
    if (ms !== undefined) postgres.set(entry, ms);
  }
  return { backend: processCpuMs(opts['backend-pid']), postgres };
}

/** CPU spent between two readings; PostgreSQL processes that came or went in between count from 0 or not at all. */
function cpuSpent(before, after) {
  if (!before || !after || before.backend === undefined) return undefined;
  let postgres = 0;
  for (const [pid, ms] of after.postgres) {
    postgres += ms - (before.postgres.get(pid) ?? 0);
  }
  return { backend: after.backend - before.backend, postgres };
}

/** Slices of one endpoint pooled into one row: percentiles over all their responses. */
function summarize(e, slices) {
  const latencies = slices.flatMap(s => s.latencies).sort((a, b) => a - b);
  const seconds = slices.reduce((sum, s) => sum + s.result.duration, 0);
  const sum = key => slices.reduce((total, s) => total + s.result[key], 0);
  const codes = new Map();
  for (const s of slices) {
    for (const [code, stat] of Object.entries(s.result.statusCodeStats ?? {})) {
      if (!code.startsWith('2'))
        codes.set(code, (codes.get(code) ?? 0) + stat.count);
    }
  }
  const checks = { sampled: 0, bad: 0, example: undefined };
  for (const s of slices) {
    checks.sampled += s.checks.sampled;
    checks.bad += s.checks.bad;
    checks.example ??= s.checks.example;
  }
  const cpu = slices.every(s => s.cpu)
    ? {
        backend: slices.reduce((t, s) => t + s.cpu.backend, 0),
        postgres: slices.reduce((t, s) => t + s.cpu.postgres, 0),
      }
    : undefined;
  return {
    e,
    cpu,
    requests: latencies.length,
    rps: latencies.length / seconds,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    max: latencies[latencies.length - 1] ?? NaN,
    non2xx: sum('non2xx'),
    codes: [...codes].map(([code, n]) => `${code}x${n}`).join(' '),
    errors: sum('errors'),
    timeouts: sum('timeouts'),
    checks,
  };
}

/** One autocannon run; latencies of every response (2xx or not) are kept for exact percentiles. */
function cannon(endpoint, { connections, duration, measure }) {
  const latencies = [];
  const checks = { sampled: 0, bad: 0, example: undefined };
  let n = 0;
  const instance = autocannon({
    url: baseUrl,
    connections,
    duration,
    timeout: opts.timeout,
    headers: auth,
    requests: [
      {
        setupRequest: req => {
          const next = endpoint.next();
          return {
            ...req,
            ...next,
            headers: { ...req.headers, ...auth, ...next.headers },
          };
        },
        onResponse: (status, body) => {
          // Check one response in 25 for a sensible body (the others only count by status).
          if (!measure || status < 200 || status >= 300 || n++ % 25 !== 0)
            return;
          checks.sampled++;
          let ok = false;
          try {
            ok = Boolean(endpoint.check(JSON.parse(body)));
          } catch {
            ok = false;
          }
          if (!ok) {
            checks.bad++;
            checks.example ??= String(body).slice(0, 200);
          }
        },
      },
    ],
  });
  instance.on('response', (_client, _status, _bytes, responseTime) =>
    latencies.push(responseTime),
  );
  return new Promise((resolve, reject) => {
    instance.on('done', result => resolve({ result, latencies, checks }));
    instance.on('error', reject);
  });
}

/** One SQL command through psql; undefined when psql cannot reach the server. */
function psql(sql, database = 'postgres', timeout = 5000) {
  try {
    return execFileSync(
      'psql',
      [
        '-h',
        opts['pg-host'],
        '-p',
        String(opts['pg-port']),
        '-U',
        opts['pg-user'],
        '-d',
        database,
        '-tAc',
        sql,
      ],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout },
    ).trim();
  } catch {
    // psql is not installed or the server is elsewhere.
    return undefined;
  }
}

/**
 * After a bulk load, PostgreSQL's planner needs fresh statistics (and index-
 * only scans a visibility map). Autovacuum does both within a minute or so;
 * where it is off (as on this project's test machines), do it here, as an
 * operator would after a bulk import. Returns what was done, for the table.
 */
function analyzeLoadDatabases() {
  const autovacuum = psql('show autovacuum');
  if (autovacuum === undefined)
    return 'not checked (psql cannot reach the server)';
  if (autovacuum === 'on' || !opts.analyze) return `autovacuum ${autovacuum}`;
  const databases = (
    psql(
      "select datname from pg_database where datname like 'modelhub\\_load\\_%'",
    ) ?? ''
  )
    .split('\n')
    .filter(Boolean);
  const started = Date.now();
  for (const database of databases) psql('vacuum analyze', database, 600_000);
  return `autovacuum off, so VACUUM ANALYZE ran on the ${
    databases.length
  } load databases before the run (${((Date.now() - started) / 1000).toFixed(
    1,
  )} s)`;
}

function machine(targets, databasePreparation) {
  const cpus = os.cpus();
  const postgres = psql('show server_version') ?? 'unknown';
  const m = targets.manifest;
  const o = m?.options;
  const dataset = o
    ? `${fmt(o.models)} models, ${fmt(o.services)} services, ${fmt(
        o.models * o['versions-per-model'],
      )} versions, ${fmt(o['drift-rows'])} drift rows (${fmt(
        Math.ceil(o['drift-rows'] / o['rows-per-report']),
      )} windows of ${o['rows-per-report']} rows on ${fmt(
        m.driftModels.length,
      )} models), generated ${m.generatedAt}`
    : `${fmt(targets.models.length)} load-test models found in the catalog`;
  return [
    `- Machine: ${cpus[0]?.model ?? 'unknown CPU'}, ${
      os.availableParallelism?.() ?? cpus.length
    } cores, ${(os.totalmem() / 2 ** 30).toFixed(
      1,
    )} GiB RAM, ${os.type()} ${os.release()} (${os.arch()}); load average at start ${os
      .loadavg()
      .map(l => l.toFixed(2))
      .join(' / ')}`,
    `- Software: Node ${
      process.version
    } (load generator and backend on the same machine), PostgreSQL ${postgres} (${databasePreparation}), autocannon ${autocannonVersion()}`,
    `- Data set: ${dataset}`,
    `- Run: ${opts.connections} connections, ${opts.duration} s per endpoint after a ${opts.warmup} s warm-up, timeout ${opts.timeout} s, against ${baseUrl}; latencies over all responses`,
  ];
}

function autocannonVersion() {
  try {
    const pkg = path.join(
      path.dirname(fileURLToPath(import.meta.resolve('autocannon'))),
      'package.json',
    );
    return JSON.parse(fs.readFileSync(pkg, 'utf8')).version;
  } catch {
    return '?';
  }
}

async function main() {
  const targets = await loadTargets();
  if (targets.models.length === 0)
    throw new Error('No load-test models: run `yarn load:generate` first');
  // Before the first request: the analysis blocks this process for seconds,
  // longer than the backend keeps an idle connection open, and fetch would
  // then reuse a socket the backend has closed ("other side closed").
  const analysis = analyzeLoadDatabases();
  const totalModels = (
    await getJson('/api/catalog/entities/by-query?filter=kind=model&limit=1')
  ).body.totalItems;
  let list = endpoints(targets, totalModels);
  if (opts.only) {
    const only = opts.only.split(',').map(s => s.trim());
    list = list.filter(e => only.includes(e.id) || e.yardstick);
  }
  const description = machine(targets, analysis);
  if (opts['backend-pid'])
    description.push(
      `- CPU per request: the CPU time of the backend (process ${opts['backend-pid']}) and of all PostgreSQL server processes during an endpoint's slices, over its requests, from /proc. It includes whatever else ran meanwhile (the catalog's processing, Model Hub's index refresh).`,
    );
  console.log(
    `Model Hub load test: ${fmt(targets.models.length)} models from ${
      targets.source
    }`,
  );
  for (const line of description) console.log(line);

  // One request each first: a misconfigured run should fail in a second, not after minutes.
  for (const e of list) {
    const req = e.next();
    const res = await getJson(req.path, {
      method: req.method,
      headers: req.headers,
      body: req.body,
    });
    if (res.status !== 200 || !e.check(res.body)) {
      throw new Error(
        `${e.title}: ${req.method} ${req.path} -> ${
          res.status
        } ${JSON.stringify(res.body).slice(0, 300)}`,
      );
    }
  }

  const yardstick = list.find(e => e.yardstick);
  const measured = list.filter(e => !e.yardstick);
  const slice = opts.duration / opts.rounds;
  const warm = async e => {
    if (opts.warmup > 0)
      await cannon(e, {
        connections: Math.min(10, opts.connections),
        duration: opts.warmup,
        measure: false,
      });
  };
  await warm(yardstick);
  const rows = [];
  const allYardstick = [];
  for (const e of measured) {
    await warm(e);
    process.stdout.write(
      `  ${e.title}: ${opts.rounds} x (${slice} s catalog, ${slice} s this) x ${opts.connections} connections ... `,
    );
    const own = [];
    const paired = [];
    for (let round = 0; round < opts.rounds; round++) {
      paired.push(await measureSlice(yardstick, slice));
      own.push(await measureSlice(e, slice));
    }
    allYardstick.push(...paired);
    const row = { ...summarize(e, own), paired: summarize(yardstick, paired) };
    rows.push(row);
    console.log(
      `${fmt(row.requests)} requests, p95 ${row.p95.toFixed(
        1,
      )} ms (catalog ${row.paired.p95.toFixed(1)} ms), ${row.non2xx} non-2xx, ${
        row.errors
      } errors${
        row.checks.bad
          ? `, ${row.checks.bad}/${row.checks.sampled} bad bodies (${row.checks.example})`
          : ''
      }`,
    );
  }
  if (allYardstick.length > 0) rows.unshift(summarize(yardstick, allYardstick));

  const ms = x => (Number.isFinite(x) ? x.toFixed(1) : '-');
  const withCpu = rows.some(r => r.cpu);
  const perRequest = (total, r) =>
    total === undefined ? '-' : (total / r.requests).toFixed(2);
  const table = [
    `| endpoint | requests | req/s | p50 ms | p95 ms | p99 ms | max ms | non-2xx | errors | catalog p95 ms, same rounds | p95 / catalog p95 | within target |${
      withCpu ? ' backend CPU ms/request | PostgreSQL CPU ms/request |' : ''
    }`,
    `| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | :---: |${
      withCpu ? ' ---: | ---: |' : ''
    }`,
  ];
  let failed = 0;
  for (const r of rows) {
    const ratio = r.paired ? r.p95 / r.paired.p95 : NaN;
    const clean = r.non2xx === 0 && r.errors === 0 && r.checks.bad === 0;
    const judged = !r.e.yardstick && !r.e.informational;
    const ok = ratio <= opts.target && clean;
    if (judged && !ok) failed++;
    table.push(
      `| ${r.e.title}${r.e.yardstick ? ', all rounds' : ''} | ${fmt(
        r.requests,
      )} | ${r.rps.toFixed(1)} | ${ms(r.p50)} | ${ms(r.p95)} | ${ms(
        r.p99,
      )} | ${ms(r.max)} | ${r.non2xx}${r.codes ? ` (${r.codes})` : ''} | ${
        r.errors
      }${r.timeouts ? ` (${r.timeouts} timeouts)` : ''} | ${
        r.paired ? ms(r.paired.p95) : ''
      } | ${Number.isFinite(ratio) ? `${ratio.toFixed(2)}x` : ''} | ${
        judged ? (ok ? 'yes' : 'no') : ''
      } |${
        withCpu
          ? ` ${perRequest(r.cpu?.backend, r)} | ${perRequest(
              r.cpu?.postgres,
              r,
            )} |`
          : ''
      }`,
    );
  }
  const report = [
    `## Model Hub load test, ${new Date()
      .toISOString()
      .slice(0, 16)
      .replace('T', ' ')} UTC`,
    '',
    ...description,
    `- Target: p95 within ${opts.target}x the catalog's entity-by-name p95 measured in the same rounds, no non-2xx responses and no errors. "within target" judges every row but the yardstick and the informational ones.`,
    '',
    ...table,
    '',
  ].join('\n');
  console.log(`\n${report}`);
  if (opts.out) {
    fs.mkdirSync(path.dirname(path.resolve(opts.out)), { recursive: true });
    fs.writeFileSync(opts.out, report);
    console.log(`Written to ${opts.out}`);
  }
  if (failed > 0) process.exitCode = 1;
}

main().catch(error => {
  // fetch's own message ("fetch failed") says nothing; its cause does.
  console.error(error instanceof Error ? error.message : error);
  if (error?.cause)
    console.error(`  cause: ${error.cause.message ?? error.cause}`);
  process.exit(1);
});
