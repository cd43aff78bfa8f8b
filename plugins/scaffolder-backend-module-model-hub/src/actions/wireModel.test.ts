import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createMockDirectory } from '@backstage/backend-test-utils';
import type { JsonObject } from '@backstage/types';
import type { TemplateAction } from '@backstage/plugin-scaffolder-node';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import ts from 'typescript';
import { outputsOf } from '../__testUtils__/actionsBackend';
import { creditSignature } from '../__testUtils__/modelHub';
import { createWireModelAction } from './wireModel';

const discovery = {
  getBaseUrl: async (id: string) => `http://internal:7007/api/${id}`,
  getExternalBaseUrl: async (id: string) =>
    `https://backstage.example.com/api/${id}`,
};
/** Called as the scaffolder would, with inputs it has not typed. */
const action: TemplateAction<any, any, any> = createWireModelAction({
  discovery,
});

const resolved = {
  modelRef: 'model:default/credit-scoring-pd',
  version: '3.2.0',
  endpoint: 'https://models.example.com/credit-scoring-pd/invocations',
  signature: creditSignature,
  fallbackModel: 'model:default/credit-scorecard-logit',
  fallbackEndpoint:
    'https://models.example.com/credit-scorecard-logit/invocations',
  environment: 'production',
  timeoutMs: 1500,
};

describe('model-hub:model:wire', () => {
  const dir = createMockDirectory();

  async function wire(input: JsonObject, isDryRun = false) {
    dir.clear();
    const ctx = createMockActionContext({ input, workspacePath: dir.path });
    await action.handler({ ...ctx, isDryRun });
    return outputsOf(ctx.output);
  }
  const read = (file: string) =>
    fs.readFileSync(path.join(dir.path, file), 'utf8');

  it('writes a typed TypeScript client with the pin, timeout, fallback and drift hook, in dry-runs too', async () => {
    for (const dryRun of [false, true]) {
      expect(
        await wire(
          { ...resolved, language: 'typescript', targetPath: 'svc' },
          dryRun,
        ),
      ).toEqual({
        files: [
          'svc/src/model/types.ts',
          'svc/src/model/config.ts',
          'svc/src/model/client.ts',
          'svc/src/model/drift.ts',
          'svc/src/model/index.ts',
        ],
      });
    }
    const types = read('svc/src/model/types.ts');
    expect(types).toContain('export interface ModelInput {');
    expect(types).toMatch(/ {2}income: number;\n/);
    expect(types).toMatch(/ {2}months_employed: number;\n/);
    expect(types).toMatch(/ {2}region: string;\n/);
    expect(types).toMatch(/ {2}"has-guarantor"\?: boolean;\n/);
    expect(types).toMatch(
      /export interface ModelOutput \{\n.*\n {2}pd: number;/,
    );
    const config = read('svc/src/model/config.ts');
    expect(config).toContain('MODEL_VERSION = "3.2.0"');
    expect(config).toContain(resolved.endpoint);
    expect(config).toContain(resolved.fallbackEndpoint);
    expect(config).toContain('env.MODEL_TIMEOUT_MS || 1500');
    expect(config).toContain('"https://backstage.example.com"');
    expect(read('svc/src/model/drift.ts')).toContain(
      "'/api/model-hub/models/'",
    );
  });

  it('generates TypeScript that compiles and validates, calls and falls back as promised', async () => {
    await wire({ ...resolved, language: 'typescript' });
    // Transpile the model-independent parts and run them with a fake fetch.
    const out = path.join(dir.path, 'js');
    fs.mkdirSync(out);
    for (const name of ['types', 'config', 'client']) {
      const result = ts.transpileModule(read(`src/model/${name}.ts`), {
        compilerOptions: {
          module: ts.ModuleKind.CommonJS,
          target: ts.ScriptTarget.ES2022,
        },
        reportDiagnostics: true,
      });
      expect(result.diagnostics).toEqual([]);
      fs.writeFileSync(path.join(out, `${name}.js`), result.outputText);
    }
    const types = require(path.join(out, 'types.js'));
    const { loadModelConfig } = require(path.join(out, 'config.js'));
    const { ModelClient } = require(path.join(out, 'client.js'));

    expect(types.validateInput(types.exampleInput)).toEqual(types.exampleInput);
    expect(() =>
      types.validateInput({ income: 'high', region: 'north' }),
    ).toThrow(
      'income: "high" is not a double; debt_ratio: is required (double); months_employed: is required (long)',
    );

    const calls: Array<{ url: string; init: any }> = [];
    const fakeFetch = async (url: string, init: any) => {
      calls.push({ url, init });
      if (url === resolved.endpoint)
        return new Response('down', { status: 503 });
      return Response.json({ predictions: [0.12] });
    };
    const config = loadModelConfig({ MODEL_HUB_TOKEN: 't' });
    expect(config).toMatchObject({
      version: '3.2.0',
      timeoutMs: 1500,
      fallback: { modelRef: 'model:default/credit-scorecard-logit' },
      modelHub: { url: 'https://backstage.example.com', token: 't' },
    });
    const client = new ModelClient(config, { fetch: fakeFetch });
    await expect(client.predict(types.exampleInput)).resolves.toEqual({
      output: { pd: 0.12 },
      servedBy: 'fallback',
      modelRef: 'model:default/credit-scorecard-logit',
    });
    expect(calls.map(c => c.url)).toEqual([
      resolved.endpoint,
      resolved.fallbackEndpoint,
    ]);
    expect(calls[0].init.headers['x-model-version']).toBe('3.2.0');
    expect(JSON.parse(calls[0].init.body)).toEqual({
      dataframe_records: [types.exampleInput],
    });
  });

  it('writes Python (standard library only) that compiles', async () => {
    const out = await wire({ ...resolved, language: 'python' });
    expect(out.files).toEqual([
      'app/model/__init__.py',
      'app/model/schema.py',
      'app/model/config.py',
      'app/model/client.py',
      'app/model/drift.py',
    ]);
    const schema = read('app/model/schema.py');
    expect(schema).toContain(
      '_ModelInputRequired = TypedDict("_ModelInputRequired", {"income": float, "debt_ratio": float, "months_employed": int, "region": str})',
    );
    expect(schema).toContain('{"has-guarantor": bool}, total=False)');
    expect(schema).toContain(
      'ModelOutput = TypedDict("ModelOutput", {"pd": float})',
    );
    const config = read('app/model/config.py');
    expect(config).toContain('MODEL_VERSION = "3.2.0"');
    expect(config).toContain(
      `fallback_endpoint = env.get("MODEL_FALLBACK_ENDPOINT") or "${resolved.fallbackEndpoint}"\n`,
    );
    expect(read('app/model/drift.py')).toContain('"rows": rows');
    const python = spawnSync('python3', [
      '-m',
      'py_compile',
      ...out.files.map((f: string) => path.join(dir.path, f)),
    ]);
    expect(python.stderr.toString()).toBe('');
    expect(python.status).toBe(0);
  });

  it('wires a version without a signature as untyped records', async () => {
    await wire({
      modelRef: 'credit-baseline',
      version: '1.0.0',
      endpoint: '',
      signature: '',
      fallbackModel: '',
      language: 'typescript',
    });
    expect(read('src/model/types.ts')).toContain(
      'export type ModelInput = Record<string, unknown>;',
    );
    const config = read('src/model/config.ts');
    expect(config).toContain('MODEL_REF = "model:default/credit-baseline"');
    expect(config).toContain(
      'FALLBACK_MODEL_REF: string | undefined = undefined',
    );
    expect(config).toContain('env.MODEL_TIMEOUT_MS || 2000');
  });

  it('refuses to write outside the workspace', async () => {
    await expect(
      wire({ ...resolved, language: 'python', targetPath: '../elsewhere' }),
    ).rejects.toThrow(/outside/);
  });
});
