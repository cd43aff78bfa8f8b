import { mockCredentials } from '@backstage/backend-test-utils';
import { runModelHubCli } from '@model-hub/model-hub-cli';
import fs from 'node:fs';
import path from 'node:path';
import {
  dropTestDatabases,
  startModelHubTestBackend,
  TEST_DATABASES,
  writeCatalogFile,
} from './__testUtils__/testBackend';

/*
 * The `model-hub` CLI that CI pipelines run, against the real backend: publish
 * a version from a JSON file, then submit a production window from a CSV file,
 * as rows and as a locally built profile.
 */
const catalogYaml = `
apiVersion: backstage.io/v1alpha1
kind: Group
metadata: { name: forecasting }
spec: { type: team, children: [] }
---
apiVersion: model-hub.io/v1alpha1
kind: Model
metadata:
  name: load-forecast
  description: Day-ahead grid load
spec:
  type: forecasting
  lifecycle: production
  owner: group:default/forecasting
  risk:
    assessments:
      unavailability: { likelihood: 2, impact: 2 }
      wrongPrediction: { likelihood: 2, impact: 2 }
      degradation: { likelihood: 2, impact: 2 }
      skillsLoss: { likelihood: 1, impact: 2 }
    rationale: Planners check the forecast
    regulatoryCategory: minimal
    businessDomain: energy
`;

const db = TEST_DATABASES[0];

describe('model-hub CLI', () => {
  const prefix = `mh_cli_${process.pid}_${Date.now()}_`;
  const { dir, file } = writeCatalogFile(catalogYaml);
  let started: Awaited<ReturnType<typeof startModelHubTestBackend>>;
  let output: { stdout: string; stderr: string };

  function run(args: string[]) {
    output = { stdout: '', stderr: '' };
    return runModelHubCli(args, {
      cwd: dir,
      env: {
        MODEL_HUB_URL: `http://localhost:${started.port}`,
        MODEL_HUB_TOKEN: mockCredentials.service.token(),
      },
      stdout: text => {
        output.stdout += text;
      },
      stderr: text => {
        output.stderr += text;
      },
    });
  }

  beforeAll(async () => {
    started = await startModelHubTestBackend({ db, prefix, catalogFile: file });
    const entity = `http://localhost:${started.port}/api/catalog/entities/by-name/model/default/load-forecast`;
    for (let i = 0; i < 150; i++) {
      const res = await fetch(entity, {
        headers: { Authorization: mockCredentials.service.header() },
      });
      if (res.status === 200) break;
      await new Promise(resolve => setTimeout(resolve, 200));
    }
    const hours = Array.from({ length: 400 }, (_, i) => i);
    fs.writeFileSync(
      path.join(dir, 'version.json'),
      JSON.stringify({
        version: '2026.11.1',
        artifactUri: 's3://models/load-forecast/2026.11.1',
        metrics: [{ name: 'mape', value: 0.041 }],
        referenceProfile: {
          rows: hours.map(h => ({
            load_mw: 900 + (h % 24) * 10,
            season: 'winter',
          })),
        },
      }),
    );
    const csv = (shift: number) =>
      `load_mw,season\n${hours
        .map(h => `${900 + (h % 24) * 10 + shift},winter`)
        .join('\n')}\n`;
    fs.writeFileSync(path.join(dir, 'calm.csv'), csv(0));
    fs.writeFileSync(path.join(dir, 'heatwave.csv'), csv(400));
  }, 60_000);

  afterAll(async () => {
    await started?.backend.stop();
    await dropTestDatabases(db, prefix);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('publishes a version and submits drift windows', async () => {
    expect(
      await run(['publish', 'load-forecast', '--file', 'version.json']),
    ).toBe(0);
    expect(output.stderr).toMatch(
      /Published 2026.11.1 of model:default\/load-forecast/,
    );
    expect(
      await run(['publish', 'default/load-forecast', '--file', 'version.json']),
    ).toBe(0);
    expect(output.stderr).toMatch(/already published/);

    const submit = [
      'drift',
      'submit',
      'model:default/load-forecast',
      '--version',
      '2026.11.1',
      '--environment',
      'production',
    ];
    const calmExit = await run([...submit, '--rows', 'calm.csv']);
    expect(output.stderr).not.toMatch(/failed/);
    expect(calmExit).toBe(0);
    expect(JSON.parse(output.stdout).status).toBe('ok');
    expect(
      await run([...submit, '--rows', 'heatwave.csv', '--as-profile']),
    ).toBe(0);
    expect(JSON.parse(output.stdout)).toMatchObject({ status: 'drift' });
    expect(output.stderr).toMatch(/Drift drift .* in production/);
  });

  it('explains refusals and bad input', async () => {
    expect(
      await run(['publish', 'load-forecast', '--file', 'missing.json']),
    ).toBe(2);
    expect(output.stderr).toMatch(/Cannot read missing.json/);
    expect(
      await run([
        'drift',
        'submit',
        'load-forecast',
        '--version',
        '9.9.9',
        '--environment',
        'production',
        '--rows',
        'calm.csv',
      ]),
    ).toBe(1);
    expect(output.stderr).toMatch(/404: .*has no version 9.9.9/);
    expect(await run(['publish', 'nope', '--file', 'version.json'])).toBe(1);
    expect(output.stderr).toMatch(
      /No model model:default\/nope in the catalog/,
    );
    expect(await run(['frobnicate'])).toBe(2);
    expect(output.stderr).toMatch(/Unknown command: frobnicate/);
  });
});
