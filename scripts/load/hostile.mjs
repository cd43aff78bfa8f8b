#!/usr/bin/env node
/*
 * Hostile-load run: while --connections clients read the catalog's
 * entity-by-name (the yardstick, as in load.mjs), --attackers clients send
 * Model Hub the largest and oddest bodies it accepts, each in a loop:
 *
 *   max-window       a drift window of 100,000 raw rows padded to just under
 *                    the body limit (--max-body, modelHub.maxRequestBodySize;
 *                    --window-body makes it smaller)
 *   oversize         a body just over the limit to a small route (POST /status)
 *   gzip-bomb        a gzip body of a few kB that inflates past the limit
 *   sparse-columns   20,000 rows, each with a column of its own
 *   high-cardinality 100,000 rows whose category is different in every row
 *
 * Slices with and without the attackers alternate (--rounds), and the
 * catalog's p95 under attack is compared with its p95 without (target:
 * --target, 1.5x). The backend's resident memory is sampled from /proc every
 * 100 ms (--backend-pid; target: under --max-rss-mb, 1,024), and the run ends
 * by checking that the backend still answers. Prints a markdown table and
 * writes it to --out when given; with --check it exits 1 when an attack got
 * an answer it should not (5xx other than 503, a 2xx for a refused shape), the
 * backend died or outgrew --max-rss-mb, or (only with --judge-latency) the
 * ratio missed its target. CI runs it small with --check, without judging
 * latency: timing on a shared CI machine is measured, not asserted.
 *
 * The attacks go to a version of their own (--version, default hostile-1),
 * which the run publishes first on --model (default: the generator's last
 * model without drift windows) with a 1,000-row reference of a numeric and a
 * categorical column, so that the generated data the load run reads is not
 * changed. Publishing again with the same content is a no-op (200).
 *
 * Usage: node scripts/load/hostile.mjs [--connections 50] [--attackers 8]
 *   [--duration 20] [--rounds 2] [--warmup 3] [--base-url URL]
 *   [--manifest data/load/catalog/manifest.json] [--model ns/name]
 *   [--version hostile-1] [--max-body 20mb] [--window-body SIZE]
 *   [--backend-pid PID]
 *   [--target 1.5] [--max-rss-mb 1024] [--out FILE] [--check]
 *   [--judge-latency] [--attacks max-window,oversize]
 * --attacks keeps the run to the attacks named (all by default), so that
 * what one kind of body costs the backend can be measured on its own.
 * The attackers run in a child process of their own: in the readers'
 * process, their sockets' work delayed the readers' own event loop, and so
 * the latencies measured, whatever the backend did.
 * Tokens come from the environment: MODEL_HUB_TOKEN (attacks and the
 * version; default the load overlay's token), MODEL_HUB_PUBLISH_TOKEN (the
 * version, default MODEL_HUB_TOKEN), MODEL_HUB_READ_TOKEN (the catalog reads,
 * default MODEL_HUB_TOKEN).
 */
import autocannon from 'autocannon';
import { fork } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';
import { parseOptions, ROOT, usageOf } from './options.mjs';
import { percentile } from './percentile.mjs';

const DEFAULTS = {
  connections: 50,
  attackers: 8,
  duration: 20,
  rounds: 2,
  warmup: 3,
  'base-url': 'http://localhost:7007',
  manifest: path.join(ROOT, 'data/load/catalog/manifest.json'),
  model: '',
  version: 'hostile-1',
  'max-body': '20mb',
  'window-body': '',
  'backend-pid': 0,
  target: 1.5,
  'max-rss-mb': 1024,
  out: '',
  check: false,
  'judge-latency': false,
  attacks: '',
  timeout: 30,
};

const opts = parseOptions(
  process.argv.slice(2),
  DEFAULTS,
  usageOf(import.meta.url),
);
const baseUrl = new URL(opts['base-url']);
const attackToken = process.env.MODEL_HUB_TOKEN ?? 'model-hub-load-test-token';
const publishToken = process.env.MODEL_HUB_PUBLISH_TOKEN ?? attackToken;
const readToken = process.env.MODEL_HUB_READ_TOKEN ?? attackToken;
const fmt = n => n.toLocaleString('en-US');

function bytesOf(size) {
  const m = /^(\d+(?:\.\d+)?)\s*(b|kb|mb|gb)$/i.exec(size.trim());
  if (!m) throw new Error(`--max-body: not a size: ${size}`);
  return Math.floor(
    Number(m[1]) *
      { b: 1, kb: 1024, mb: 1024 ** 2, gb: 1024 ** 3 }[m[2].toLowerCase()],
  );
}

/**
 * One request with a prepared body; resolves with its status (0: the server
 * closed the connection before answering; -1: no answer).
 */
function send(method, urlPath, body, headers = {}) {
  return new Promise(resolve => {
    const started = performance.now();
    let settled = false;
    const done = (status, detail) => {
      if (settled) return;
      settled = true;
      resolve({ status, detail, ms: performance.now() - started });
    };
    const req = http.request(
      {
        host: baseUrl.hostname,
        port: baseUrl.port,
        method,
        path: urlPath,
        agent: false,
        timeout: opts.timeout * 1000,
        headers: {
          authorization: `Bearer ${attackToken}`,
          'content-type': 'application/json',
          'content-length': body.length,
          ...headers,
        },
      },
      res => {
        const chunks = [];
        res.on('data', c => chunks.length < 8 && chunks.push(c));
        res.on('end', () =>
          done(res.statusCode, Buffer.concat(chunks).toString().slice(0, 300)),
        );
        res.on('error', () => done(res.statusCode));
      },
    );
    // A refusal before the body is read closes the connection under the
    // upload: the answer, when it came, is what counts.
    // Closed by the server (0) counts as its refusal; anything else (a
    // timeout, a refused connection) is no answer (-1).
    req.on('error', error =>
      setTimeout(
        () =>
          done(
            ['EPIPE', 'ECONNRESET'].includes(error.code) ? 0 : -1,
            String(error),
          ),
        50,
      ),
    );
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.end(body);
  });
}

async function jsonRequest(method, urlPath, token, body) {
  const res = await fetch(new URL(urlPath, baseUrl), {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body ? { 'content-type': 'application/json' } : {}),
    },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  return { status: res.status, text };
}

function target() {
  let manifest;
  if (fs.existsSync(opts.manifest)) {
    manifest = JSON.parse(fs.readFileSync(opts.manifest, 'utf8'));
  }
  let model = opts.model;
  if (!model) {
    if (!manifest) throw new Error('--model is needed without a manifest');
    const monitored = new Set(manifest.driftModels);
    model = `default/${manifest.models.filter(m => !monitored.has(m)).at(-1)}`;
  }
  const [namespace, name] = model.split('/');
  // The yardstick rotates over the generated models, or reads the one
  // model it was given.
  const yardstickModels =
    manifest && !opts.model
      ? manifest.models.map(m => ['default', m])
      : [[namespace, name]];
  return { namespace, name, yardstickModels };
}

const CATEGORIES = ['basic', 'plus', 'family', 'business'];

/**
 * A refusal before the body is read (413 from Content-Length, 503 while
 * two large bodies are in flight) closes the connection: an attacker still
 * uploading may see the close (EPIPE, ECONNRESET) before the answer.
 */
const CLOSED_UNREAD = 0;

async function publishAttackVersion(t) {
  const rows = Array.from({ length: 1000 }, (_, i) => ({
    spend: (i % 97) + 0.5,
    plan: CATEGORIES[i % CATEGORIES.length],
  }));
  const res = await jsonRequest(
    'POST',
    `/api/model-hub/models/${t.namespace}/${t.name}/versions`,
    publishToken,
    {
      version: opts.version,
      artifactUri: `s3://hostile-load/${t.name}/${opts.version}/model.onnx`,
      referenceProfile: { rows },
    },
  );
  if (res.status !== 200 && res.status !== 201) {
    throw new Error(
      `Publishing ${opts.version} of ${t.namespace}/${t.name} failed: ${
        res.status
      } ${res.text.slice(0, 300)}`,
    );
  }
}

/** The attack bodies, made once. */
function attacks(t, maxBody, windowBody) {
  const drift = `/api/model-hub/models/${t.namespace}/${t.name}/versions/${opts.version}/drift-reports`;
  const windowOf = rows =>
    Buffer.from(
      JSON.stringify({
        environment: 'hostile',
        windowStart: '2026-01-01T00:00:00Z',
        windowEnd: '2026-01-01T01:00:00Z',
        rows,
      }),
    );
  // 100,000 rows (the contract's maximum), padded with a column the
  // reference does not have until the body is just under the limit.
  const rows = Array.from({ length: 100_000 }, (_, i) => ({
    spend: (i % 89) + 0.25,
    plan: CATEGORIES[(i * 7) % CATEGORIES.length],
    note: '',
  }));
  const bare = windowOf(rows).length;
  const pad = 'x'.repeat(
    Math.max(0, Math.floor((windowBody - bare - 1024) / rows.length)),
  );
  for (const row of rows) row.note = pad;
  const maxWindow = windowOf(rows);
  const oversize = Buffer.alloc(maxBody + 1024, ' ');
  oversize.write('{"entityRefs":[', 0);
  const bomb = zlib.gzipSync(Buffer.alloc(maxBody + 1024 * 1024, ' '));
  const sparse = windowOf(
    Array.from({ length: 20_000 }, (_, i) => ({
      spend: i % 50,
      plan: 'basic',
      [`column_${i}`]: i,
    })),
  );
  const highCardinality = windowOf(
    Array.from({ length: 100_000 }, (_, i) => ({
      spend: i % 50,
      plan: `plan-${i}`,
    })),
  );
  return [
    {
      id: 'max-window',
      describe: `drift window, 100,000 rows, ${(
        maxWindow.length /
        2 ** 20
      ).toFixed(1)} MB`,
      request: () => send('POST', drift, maxWindow),
      expected: [201, 503, CLOSED_UNREAD],
    },
    {
      id: 'oversize',
      describe: `POST /status, ${(oversize.length / 2 ** 20).toFixed(1)} MB`,
      request: () => send('POST', '/api/model-hub/status', oversize),
      expected: [413, CLOSED_UNREAD],
    },
    {
      id: 'gzip-bomb',
      describe: `drift window, ${fmt(
        bomb.length,
      )} bytes of gzip inflating to ${((maxBody + 2 ** 20) / 2 ** 20).toFixed(
        0,
      )} MB`,
      request: () => send('POST', drift, bomb, { 'content-encoding': 'gzip' }),
      expected: [413, 503, CLOSED_UNREAD],
    },
    {
      id: 'sparse-columns',
      describe: `drift window, 20,000 rows with a column each, ${(
        sparse.length /
        2 ** 20
      ).toFixed(1)} MB`,
      request: () => send('POST', drift, sparse),
      expected: [400, 503, CLOSED_UNREAD],
    },
    {
      id: 'high-cardinality',
      describe: `drift window, 100,000 rows, 100,000 categories, ${(
        highCardinality.length /
        2 ** 20
      ).toFixed(1)} MB`,
      request: () => send('POST', drift, highCardinality),
      expected: [400, 503, CLOSED_UNREAD],
    },
  ];
}

/** CPU seconds the backend process has used (0 when not measured). */
function backendCpuSeconds(pid) {
  if (!pid) return 0;
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
}

/** Resident memory of the backend, sampled until stopped. */
function rssSampler(pid) {
  const read = field => {
    try {
      const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
      const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status);
      return m ? Number(m[1]) / 1024 : undefined;
    } catch {
      return undefined;
    }
  };
  if (!pid) return { stop: () => undefined };
  let peak = read('VmRSS') ?? 0;
  const start = peak;
  const timer = setInterval(() => {
    const rss = read('VmRSS');
    if (rss !== undefined && rss > peak) peak = rss;
  }, 100);
  return {
    stop: () => {
      clearInterval(timer);
      return {
        start,
        peak,
        hwm: read('VmHWM'),
        alive: read('VmRSS') !== undefined,
      };
    },
  };
}

function catalogReads(t, seconds, latencies) {
  let k = 0;
  const instance = autocannon({
    url: baseUrl.origin,
    connections: opts.connections,
    duration: seconds,
    timeout: opts.timeout,
    headers: { authorization: `Bearer ${readToken}` },
    requests: [
      {
        setupRequest: req => {
          const [ns, name] = t.yardstickModels[k++ % t.yardstickModels.length];
          return {
            ...req,
            method: 'GET',
            path: `/api/catalog/entities/by-name/model/${ns}/${name}`,
          };
        },
      },
    ],
  });
  if (latencies) {
    instance.on('response', (_c, _s, _b, ms) => latencies.push(ms));
  }
  return new Promise((resolve, reject) => {
    instance.on('done', resolve);
    instance.on('error', reject);
  });
}

async function attackFor(seconds, kinds, tally) {
  const until = performance.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: opts.attackers }, async (_, i) => {
      const kind = kinds[i % kinds.length];
      while (performance.now() < until) {
        const res = await kind.request();
        const byStatus = (tally[kind.id] ??= { statuses: {}, samples: [] });
        byStatus.statuses[res.status] =
          (byStatus.statuses[res.status] ?? 0) + 1;
        if (!kind.expected.includes(res.status) && byStatus.samples.length < 3)
          byStatus.samples.push(`${res.status}: ${res.detail}`);
        // A 503 says when to come back; an attacker does not wait long.
        if (res.status === 503) await new Promise(r => setTimeout(r, 100));
      }
    }),
  );
}

/** The attacks of --attacks (all by default), with their bodies. */
function chosenAttacks(t, maxBody) {
  const windowBody = opts['window-body']
    ? Math.min(bytesOf(opts['window-body']), maxBody)
    : maxBody;
  const every = attacks(t, maxBody, windowBody);
  const chosen = opts.attacks
    ? String(opts.attacks)
        .split(',')
        .map(id => id.trim())
    : every.map(k => k.id);
  const unknown = chosen.filter(id => !every.some(k => k.id === id));
  if (unknown.length) {
    throw new Error(
      `--attacks: unknown ${unknown.join(', ')} (known: ${every
        .map(k => k.id)
        .join(', ')})`,
    );
  }
  return every.filter(k => chosen.includes(k.id));
}

/**
 * The attackers' process: this script again, with the same options, in the
 * attacker role (attackerRole below). `attack(seconds)` runs them for that
 * long and gives their tally and the CPU seconds they used.
 */
async function attackerProcess() {
  const child = fork(fileURLToPath(import.meta.url), process.argv.slice(2), {
    env: { ...process.env, MODEL_HUB_HOSTILE_ROLE: 'attackers' },
  });
  const next = () =>
    new Promise((resolve, reject) => {
      child.once('message', resolve);
      child.once('exit', code =>
        reject(new Error(`the attackers' process exited (${code})`)),
      );
    });
  await next(); // ready: its bodies are made
  return {
    attack: async seconds => {
      const done = next();
      child.send({ attack: seconds });
      return done;
    },
    stop: () => child.kill(),
  };
}

/** The attacker role: attacks when told, and reports. */
function attackerRole() {
  const t = target();
  const kinds = chosenAttacks(t, bytesOf(opts['max-body']));
  process.on('message', async ({ attack }) => {
    const tally = {};
    const before = process.cpuUsage();
    await attackFor(attack, kinds, tally);
    const used = process.cpuUsage(before);
    process.send({ tally, cpuSeconds: (used.user + used.system) / 1e6 });
  });
  process.send({ ready: true });
}

async function main() {
  const t = target();
  const maxBody = bytesOf(opts['max-body']);
  console.log(
    `Hostile-load run: ${opts.connections} catalog readers, ${opts.attackers} attackers on ${t.namespace}/${t.name} ${opts.version}, ${opts.rounds} rounds of ${opts.duration} s without and with them`,
  );
  await publishAttackVersion(t);
  const kinds = chosenAttacks(t, maxBody);
  for (const k of kinds) console.log(`  ${k.id}: ${k.describe}`);
  const attackers = await attackerProcess();

  const memory = rssSampler(opts['backend-pid']);
  await catalogReads(t, opts.warmup);
  const quiet = [];
  const attacked = [];
  const tally = {};
  const slice = opts.duration / opts.rounds;
  const failures = { errors: 0, non2xx: 0 };
  const count = result => {
    failures.errors += result.errors + result.timeouts;
    failures.non2xx += result.non2xx;
  };
  // CPU seconds of this process (the readers and attackers) and of the
  // backend, without and with the attackers: on one machine the load
  // generator's own work competes with the backend's.
  const cpu = {
    quiet: { own: 0, backend: 0 },
    attacked: { own: 0, backend: 0 },
  };
  const timed = async (into, work) => {
    const own = process.cpuUsage();
    const backend = backendCpuSeconds(opts['backend-pid']);
    const result = await work();
    const used = process.cpuUsage(own);
    into.own += (used.user + used.system) / 1e6;
    into.backend += backendCpuSeconds(opts['backend-pid']) - backend;
    return result;
  };
  for (let r = 0; r < opts.rounds; r++) {
    count(await timed(cpu.quiet, () => catalogReads(t, slice, quiet)));
    const [result, attackersDid] = await timed(cpu.attacked, () =>
      Promise.all([catalogReads(t, slice, attacked), attackers.attack(slice)]),
    );
    count(result);
    cpu.attacked.own += attackersDid.cpuSeconds;
    for (const [id, { statuses, samples }] of Object.entries(
      attackersDid.tally,
    )) {
      const into = (tally[id] ??= { statuses: {}, samples: [] });
      for (const [status, n] of Object.entries(statuses)) {
        into.statuses[status] = (into.statuses[status] ?? 0) + n;
      }
      into.samples.push(...samples.slice(0, 3 - into.samples.length));
    }
  }
  attackers.stop();
  const mem = memory.stop();
  const ready = await fetch(
    new URL('/.backstage/health/v1/readiness', baseUrl),
  ).then(
    res => res.status,
    () => 0,
  );

  quiet.sort((a, b) => a - b);
  attacked.sort((a, b) => a - b);
  const p95Quiet = percentile(quiet, 95);
  const p95Attacked = percentile(attacked, 95);
  const ratio = p95Attacked / p95Quiet;
  const unexpected = kinds.flatMap(k =>
    Object.entries(tally[k.id]?.statuses ?? {})
      .filter(([status]) => !k.expected.includes(Number(status)))
      .map(([status, n]) => `${k.id} ${status}x${n}`),
  );
  const rssOk = !mem?.peak || mem.peak < opts['max-rss-mb'];
  const alive = ready === 200 && (mem?.alive ?? true);

  const lines = [];
  const cores = os.cpus();
  lines.push(
    `- Machine: ${cores[0]?.model ?? 'unknown CPU'}, ${cores.length} cores, ${(
      os.totalmem() /
      2 ** 30
    ).toFixed(1)} GiB RAM; Node ${
      process.version
    } (load clients and backend on the same machine)`,
    `- Run: ${opts.connections} catalog readers (entity-by-name over ${fmt(
      t.yardstickModels.length,
    )} models), ${opts.attackers} attackers, ${
      opts.rounds
    } rounds of ${slice} s without then ${slice} s with the attackers, after a ${
      opts.warmup
    } s warm-up; body limit ${opts['max-body']}`,
    '',
    '| catalog entity-by-name | requests | p50 ms | p95 ms | p99 ms | max ms |',
    '| --- | ---: | ---: | ---: | ---: | ---: |',
    ...[
      ['without attackers', quiet],
      ['with attackers', attacked],
    ].map(
      ([label, l]) =>
        `| ${label} | ${fmt(l.length)} | ${percentile(l, 50).toFixed(
          1,
        )} | ${percentile(l, 95).toFixed(1)} | ${percentile(l, 99).toFixed(
          1,
        )} | ${(l.at(-1) ?? NaN).toFixed(1)} |`,
    ),
    '',
    `- Catalog p95 with attackers / without: **${ratio.toFixed(2)}x** (target ${
      opts.target
    }x: ${ratio <= opts.target ? 'met' : 'missed'}); catalog errors ${
      failures.errors
    }, non-2xx ${failures.non2xx}`,
    mem?.peak
      ? `- Backend resident memory: ${mem.start.toFixed(
          0,
        )} MB at start, peak ${mem.peak.toFixed(
          0,
        )} MB sampled every 100 ms (VmHWM ${
          mem.hwm?.toFixed(0) ?? '?'
        } MB, the process's lifetime peak); target under ${
          opts['max-rss-mb']
        } MB: ${rssOk ? 'met' : 'missed'}`
      : '- Backend resident memory: not measured (no --backend-pid)',
    `- CPU seconds over the ${
      opts.duration
    } s without / with the attackers: load generator (readers and attackers) ${cpu.quiet.own.toFixed(
      1,
    )} / ${cpu.attacked.own.toFixed(1)}${
      opts['backend-pid']
        ? `, backend ${cpu.quiet.backend.toFixed(
            1,
          )} / ${cpu.attacked.backend.toFixed(1)}`
        : ''
    } (${cores.length} cores: ${
      cores.length * opts.duration
    } CPU seconds in each)`,
    `- Backend after the run: ${
      alive ? 'alive, ready (200)' : `NOT ready (${ready})`
    }`,
    '',
    '| attack | body | answers | unexpected |',
    '| --- | --- | --- | --- |',
    ...kinds.map(k => {
      const s = tally[k.id]?.statuses ?? {};
      const answers = Object.entries(s)
        .map(
          ([status, n]) =>
            `${
              { 0: 'closed unread', '-1': 'no answer' }[status] ?? status
            }: ${fmt(n)}`,
        )
        .join(', ');
      return `| ${k.id} | ${k.describe} | ${answers || 'none'} | ${
        (tally[k.id]?.samples ?? []).join('; ').replace(/\|/g, '/') || '-'
      } |`;
    }),
  );
  const text = lines.join('\n');
  console.log(`\n${text}`);
  if (opts.out) fs.writeFileSync(opts.out, `${text}\n`);

  if (opts.check) {
    const problems = [
      ...(alive ? [] : ['the backend is not ready after the run']),
      ...(rssOk ? [] : [`peak RSS over ${opts['max-rss-mb']} MB`]),
      ...(unexpected.length
        ? [`unexpected answers: ${unexpected.join(', ')}`]
        : []),
      ...(failures.errors || failures.non2xx
        ? [
            `${failures.errors} catalog reads failed, ${failures.non2xx} answered other than 2xx`,
          ]
        : []),
      ...(opts['judge-latency'] && !(ratio <= opts.target)
        ? [`catalog p95 ratio ${ratio.toFixed(2)}x over ${opts.target}x`]
        : []),
    ];
    if (problems.length) {
      console.log(`\nFAIL hostile-load run: ${problems.join('; ')}`);
      process.exit(1);
    }
    console.log('\nPASS hostile-load run');
  }
}

(process.env.MODEL_HUB_HOSTILE_ROLE === 'attackers'
  ? Promise.resolve().then(attackerRole)
  : main()
).catch(error => {
  console.error(error instanceof Error ? error.stack : error);
  process.exit(1);
});
