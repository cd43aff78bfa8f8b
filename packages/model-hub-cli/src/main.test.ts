import { createServiceFactory } from '@backstage/backend-plugin-api';
import {
  createMockDirectory,
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { notificationService } from '@backstage/plugin-notifications-node';
import modelHubPlugin from '@model-hub/backstage-plugin-model-hub-backend';
import { runModelHubCli } from './main';

/*
 * The `model-hub` CLI that CI pipelines run, against the real Model Hub
 * backend plugin (catalog: Backstage's catalogServiceMock): publish a version
 * from a JSON file, then submit production windows from CSV files, as rows and
 * as a locally built profile.
 */
const loadForecast = {
  apiVersion: 'model-hub.io/v1alpha1',
  kind: 'Model',
  metadata: {
    name: 'load-forecast',
    namespace: 'default',
    description: 'Day-ahead grid load',
  },
  spec: {
    type: 'forecasting',
    lifecycle: 'production',
    owner: 'group:default/forecasting',
    risk: {
      assessments: {
        unavailability: { likelihood: 2, impact: 2 },
        wrongPrediction: { likelihood: 2, impact: 2 },
        degradation: { likelihood: 2, impact: 2 },
        skillsLoss: { likelihood: 1, impact: 2 },
      },
      rationale: 'Planners check the forecast',
      regulatoryCategory: 'minimal',
      businessDomain: 'energy',
    },
  },
};

/** Hourly load with a daily shape; `shift` moves the whole window up. */
function loadCsv(hours: number, shift: number) {
  const lines = Array.from(
    { length: hours },
    (_, h) => `${900 + (h % 24) * 10 + shift},winter`,
  );
  return `load_mw,season\n${lines.join('\n')}\n`;
}

describe('model-hub CLI', () => {
  const dir = createMockDirectory();
  let port: number;
  let stop: () => Promise<void>;
  let output: { stdout: string; stderr: string };

  function run(
    args: string[],
    options: { token?: string; fetch?: typeof fetch } = {},
  ) {
    output = { stdout: '', stderr: '' };
    return runModelHubCli(args, {
      cwd: dir.path,
      env: {
        MODEL_HUB_URL: `http://localhost:${port}`,
        MODEL_HUB_TOKEN: options.token ?? mockCredentials.service.token(),
      },
      stdout: text => {
        output.stdout += text;
      },
      stderr: text => {
        output.stderr += text;
      },
      fetch: options.fetch,
    });
  }

  beforeAll(async () => {
    const backend = await startTestBackend({
      features: [
        modelHubPlugin,
        catalogServiceMock.factory({
          entities: [
            loadForecast,
            {
              apiVersion: 'backstage.io/v1alpha1',
              kind: 'User',
              metadata: {
                name: 'jane.doe',
                namespace: 'default',
                annotations: { 'github.com/user-login': 'jane-doe' },
              },
              spec: { memberOf: ['group:default/forecasting'] },
              relations: [
                { type: 'memberOf', targetRef: 'group:default/forecasting' },
              ],
            },
          ],
        }),
        // The pipeline's token may act for the forecasting team.
        mockServices.rootConfig.factory({
          data: {
            modelHub: {
              governance: {
                serviceActors: [
                  {
                    subject: 'external:ci-from-env',
                    actsFor: ['group:default/forecasting'],
                  },
                ],
              },
            },
          },
        }),
        createServiceFactory({
          service: notificationService,
          deps: {},
          factory: () => ({ send: async () => {} }),
        }),
      ],
    });
    port = backend.server.port();
    stop = () => backend.stop();
    const hours = Array.from({ length: 400 }, (_, h) => h);
    dir.setContent({
      'version.json': JSON.stringify({
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
      'calm.csv': loadCsv(400, 0),
      'heatwave.csv': loadCsv(400, 400),
      // A large production window: about 1 MB of rows in one request.
      'month.csv': loadCsv(50_000, 0),
    });
  }, 60_000);

  afterAll(async () => {
    await stop?.();
  });

  const submit = [
    'drift',
    'submit',
    'model:default/load-forecast',
    '--version',
    '2026.11.1',
    '--environment',
    'production',
  ];

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

  it('submits a window of 50,000 raw rows', async () => {
    expect(await run([...submit, '--rows', 'month.csv'])).toBe(0);
    expect(output.stderr).not.toMatch(/failed/);
    expect(JSON.parse(output.stdout).status).toBe('ok');
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

  it('takes the token from MODEL_HUB_TOKEN and refuses --token', async () => {
    // The Authorization header of every request the CLI sends.
    const sent: Array<string | null> = [];
    const recordingFetch: typeof fetch = async (input, init) => {
      sent.push(
        input instanceof Request
          ? input.headers.get('authorization')
          : new Headers(init?.headers).get('authorization'),
      );
      return fetch(input, init);
    };
    const token = mockCredentials.service.token({
      onBehalfOf: mockCredentials.service('external:ci-from-env'),
      targetPluginId: 'model-hub',
    });
    dir.addContent({
      'env-version.json': JSON.stringify({
        version: '2026.11.2',
        artifactUri: 's3://models/load-forecast/2026.11.2',
      }),
    });

    expect(
      await run(
        [
          'publish',
          'load-forecast',
          '--file',
          'env-version.json',
          '--on-behalf-of',
          'user:default/jane.doe',
        ],
        { token, fetch: recordingFetch },
      ),
    ).toBe(0);
    expect(sent).toEqual([`Bearer ${token}`]);
    // The server took the caller from that token, and recorded the person
    // the pipeline acted for.
    const published = JSON.parse(output.stdout);
    expect(published.publishedBy).toBe('service:external:ci-from-env');
    expect(published.publishedOnBehalfOf).toBe('user:default/jane.doe');

    // In a GitHub workflow the person is named by their login
    // (GITHUB_ACTOR), mapped to the User entity with that annotation.
    dir.addContent({
      'login-version.json': JSON.stringify({
        version: '2026.11.3',
        artifactUri: 's3://models/load-forecast/2026.11.3',
      }),
    });
    expect(
      await run(
        [
          'publish',
          'load-forecast',
          '--file',
          'login-version.json',
          '--on-behalf-of-github-login',
          'jane-doe',
        ],
        { token },
      ),
    ).toBe(0);
    expect(JSON.parse(output.stdout).publishedOnBehalfOf).toBe(
      'user:default/jane.doe',
    );
    // A login no User has is refused, naming the field.
    expect(
      await run(
        [
          'publish',
          'load-forecast',
          '--file',
          'login-version.json',
          '--on-behalf-of-github-login',
          'nobody-here',
        ],
        { token },
      ),
    ).not.toBe(0);
    expect(output.stderr).toMatch(/onBehalfOfGithubLogin: no User/);

    sent.length = 0;
    const onCommandLine = 'cli-token-that-must-not-be-echoed';
    for (const flag of [
      ['--token', onCommandLine],
      [`--token=${onCommandLine}`],
    ]) {
      expect(
        await run(
          ['publish', 'load-forecast', '--file', 'version.json', ...flag],
          {
            fetch: recordingFetch,
          },
        ),
      ).toBe(2);
      expect(output.stderr).toMatch(/--token is not accepted/);
      expect(output.stderr).toMatch(/Set MODEL_HUB_TOKEN/);
      expect(output.stderr + output.stdout).not.toContain(onCommandLine);
    }
    // Refused before anything was sent.
    expect(sent).toEqual([]);
    // The help names the environment variable and no --token option.
    expect(await run(['--help'])).toBe(0);
    expect(output.stdout).toMatch(/MODEL_HUB_TOKEN/);
    expect(output.stdout).not.toMatch(/--token/);
  });
});
