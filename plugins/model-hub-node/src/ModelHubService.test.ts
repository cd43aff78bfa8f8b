import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { DefaultModelHubService } from './ModelHubService';

/*
 * The scorecard methods against a stubbed global fetch (what the generated
 * client calls): the paths, the token issued on behalf of the caller, and how
 * responses map to results. The whole path through a real Model Hub backend
 * is tested by the Tech Insights module of Model Hub.
 */

const BASE = 'http://backstage.test/api/model-hub';

function json(status: number, body: unknown) {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json' },
  });
}

function notFound(message: string) {
  return json(404, {
    error: { name: 'NotFoundError', message },
    request: { method: 'GET', url: '/scorecards' },
    response: { statusCode: 404 },
  });
}

const scorecard = {
  entityRef: 'component:default/loan-api',
  evaluatedAt: '2025-05-01T06:00:00.000Z',
  passed: 1,
  failed: 1,
  passRate: 0.5,
  verdicts: [
    {
      checkId: 'service-drift-hook',
      title: 'The drift-profile hook is configured',
      severity: 'warning',
      result: 'pass',
      reason: 'Configured',
    },
  ],
  history: [],
};

describe('DefaultModelHubService golden paths', () => {
  const caller = mockCredentials.user('user:default/alice');
  let requests: Request[];
  let respond: (request: Request) => Response;
  let service: DefaultModelHubService;

  beforeEach(() => {
    requests = [];
    jest.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
      const request = new Request(input, init);
      requests.push(request.clone());
      return respond(request);
    });
    service = new DefaultModelHubService({
      discovery: mockServices.discovery.mock({
        getBaseUrl: async () => BASE,
      }),
      auth: mockServices.auth({ pluginId: 'tech-insights' }),
    });
  });

  afterEach(() => jest.restoreAllMocks());

  it("reads an entity's scorecard on behalf of the caller", async () => {
    respond = () => json(200, scorecard);

    const result = await service.getScorecard('Component:loan-api', {
      credentials: caller,
    });

    expect(result).toEqual(scorecard);
    expect(requests[0].method).toBe('GET');
    expect(requests[0].url).toBe(
      `${BASE}/scorecards/component/default/loan-api`,
    );
    expect(requests[0].headers.get('authorization')).toBe(
      mockCredentials.service.header({
        onBehalfOf: caller,
        targetPluginId: 'model-hub',
      }),
    );
  });

  it('takes a compound ref and encodes its parts', async () => {
    respond = () => json(200, scorecard);

    await service.getScorecard(
      { kind: 'Model', namespace: 'ml', name: 'credit pd' },
      { credentials: caller },
    );

    expect(requests[0].url).toBe(`${BASE}/scorecards/model/ml/credit%20pd`);
  });

  it('gives undefined for an entity Model Hub does not know or show', async () => {
    respond = () => notFound('No entity model:default/gone in the catalog');

    await expect(
      service.getScorecard('model:default/gone', { credentials: caller }),
    ).resolves.toBeUndefined();
  });

  it("throws other errors with the backend's message and status", async () => {
    respond = () =>
      json(401, {
        error: { name: 'AuthenticationError', message: 'Illegal token' },
        request: { method: 'GET', url: '/scorecards' },
        response: { statusCode: 401 },
      });

    await expect(
      service.getScorecard('model:default/x', { credentials: caller }),
    ).rejects.toMatchObject({ message: 'Illegal token', statusCode: 401 });
  });

  it('refuses a ref without a kind before calling', async () => {
    await expect(
      service.getScorecard('loan-api', { credentials: caller }),
    ).rejects.toMatchObject({ name: 'InputError' });
    expect(requests).toHaveLength(0);
  });

  it('lists the golden-path checks', async () => {
    const check = {
      id: 'model-owner-team-size',
      title: 'The owning team has at least two members',
      severity: 'error',
      appliesTo: 'model',
      source: 'model-hub',
    };
    respond = () => json(200, { items: [check] });

    await expect(
      service.listGoldenPathChecks({ credentials: caller }),
    ).resolves.toEqual([check]);
    expect(requests[0].url).toBe(`${BASE}/golden-paths/checks`);
  });

  it('evaluates a candidate service and returns the verdicts', async () => {
    respond = () => json(200, { verdicts: scorecard.verdicts });
    const candidate = {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: { name: 'new-service' },
      spec: { dependsOn: ['model:credit-pd'] },
    };

    const verdicts = await service.evaluateGoldenPaths(candidate, {
      credentials: caller,
    });

    expect(verdicts).toEqual(scorecard.verdicts);
    expect(requests[0].method).toBe('POST');
    expect(requests[0].url).toBe(`${BASE}/golden-paths/evaluate`);
    expect(await requests[0].json()).toEqual({ entity: candidate });
  });
});
