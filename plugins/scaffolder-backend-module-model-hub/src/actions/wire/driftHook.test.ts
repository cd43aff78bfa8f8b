import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import {
  createMockDirectory,
  mockCredentials,
} from '@backstage/backend-test-utils';
import ts from 'typescript';
import { startActionsBackend } from '../../__testUtils__/actionsBackend';
import {
  callModelHub,
  creditSignature,
  dana,
  exampleEntities,
  publishVersion,
  referenceRows,
} from '../../__testUtils__/modelHub';
import { pythonFiles } from './python';
import { parseSignature, WiringSpec } from './signature';
import { typescriptFiles } from './typescript';

/*
 * The generated drift hooks against the real Model Hub backend: the
 * TypeScript one posts a drift-engine profile, the Python one raw rows, and
 * Model Hub stores a report for each.
 */

jest.setTimeout(60_000);

/** Runs a command without blocking the event loop (the backend runs in this process). */
function run(command: string, args: string[], cwd: string) {
  return new Promise<{ code: number | null; output: string }>(resolve => {
    const child = spawn(command, args, { cwd });
    let output = '';
    child.stdout.on('data', d => (output += d));
    child.stderr.on('data', d => (output += d));
    child.on('close', code => resolve({ code, output }));
  });
}

describe('the generated drift hooks', () => {
  let started: Awaited<ReturnType<typeof startActionsBackend>>;
  const dir = createMockDirectory();
  let spec: WiringSpec;

  beforeAll(async () => {
    started = await startActionsBackend(exampleEntities());
    await publishVersion(started.base, 'credit-scoring-pd', '3.2.0');
    spec = {
      modelRef: 'model:default/credit-scoring-pd',
      version: '3.2.0',
      environment: 'staging',
      endpoint: 'http://127.0.0.1:9/invocations',
      timeoutMs: 500,
      modelHubUrl: started.base,
      signature: parseSignature(creditSignature),
    };
  });

  afterAll(async () => {
    await started?.backend.stop();
  });

  const reports = async () =>
    (
      await callModelHub(
        started.base,
        '/models/default/credit-scoring-pd/drift-reports?environment=staging',
        dana,
      )
    ).items;
  const token = mockCredentials.user.token(dana);
  const window = referenceRows(300).slice(0, 80);

  it('TypeScript: a profile of the window, stored as a drift report', async () => {
    const files = typescriptFiles(spec, spec.signature);
    const drift = require.resolve('@model-hub/model-hub-drift');
    for (const name of ['types', 'config', 'drift']) {
      const js = ts
        .transpileModule(files[`src/model/${name}.ts`], {
          compilerOptions: { module: ts.ModuleKind.CommonJS },
        })
        .outputText.replace(
          /"@model-hub\/model-hub-drift"/,
          JSON.stringify(drift),
        );
      fs.writeFileSync(path.join(dir.path, `${name}.js`), js);
    }
    const { loadModelConfig } = require(path.join(dir.path, 'config.js'));
    const { DriftMonitor } = require(path.join(dir.path, 'drift.js'));
    const logs: string[] = [];
    const monitor = new DriftMonitor(
      loadModelConfig({ MODEL_HUB_TOKEN: token }),
      {
        log: (m: string) => logs.push(m),
      },
    );
    window.forEach(row => monitor.record(row));
    expect(await monitor.flush()).toBe(true);
    expect(logs).toEqual([]);
    expect(await reports()).toEqual([
      expect.objectContaining({
        version: '3.2.0',
        environment: 'staging',
        status: 'ok',
      }),
    ]);
  });

  it('Python: the raw rows of the window, stored as a drift report', async () => {
    for (const [file, content] of Object.entries(
      pythonFiles(spec, spec.signature),
    )) {
      fs.mkdirSync(path.dirname(path.join(dir.path, file)), {
        recursive: true,
      });
      fs.writeFileSync(path.join(dir.path, file), content);
    }
    fs.writeFileSync(path.join(dir.path, 'app/__init__.py'), '');
    fs.writeFileSync(
      path.join(dir.path, 'report.py'),
      [
        'import json, sys',
        'from app.model import DriftMonitor, load_model_config',
        'monitor = DriftMonitor(load_model_config({"MODEL_HUB_TOKEN": sys.argv[1]}), log=print)',
        'for row in json.loads(sys.argv[2]):',
        '    monitor.record(row)',
        'print("stored" if monitor.flush() else "refused")',
      ].join('\n'),
    );
    const result = await run(
      'python3',
      ['report.py', token, JSON.stringify(window)],
      dir.path,
    );
    expect(result.output.trim()).toBe('stored');
    expect(await reports()).toHaveLength(2);
  });
});
