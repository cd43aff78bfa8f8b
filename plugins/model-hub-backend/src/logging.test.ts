import {
  coreServices,
  createBackendModule,
  createServiceFactory,
  LoggerService,
  RootLoggerService,
} from '@backstage/backend-plugin-api';
import { authServiceFactory } from '@backstage/backend-defaults/auth';
import { httpAuthServiceFactory } from '@backstage/backend-defaults/httpAuth';
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import type { JsonObject } from '@backstage/types';
import { modelHubReviewDecidePermission } from '@model-hub/backstage-plugin-model-hub-common';
import { modelHubNotifiersExtensionPoint } from '@model-hub/backstage-plugin-model-hub-node';
import { incomeRows, modelEntity } from './__testUtils__/entities';
import {
  callJson,
  modelHubTestDatabases,
  startModelHubMockBackend,
} from './__testUtils__/mockBackend';

/*
 * No token, Authorization header or configured secret ever reaches a log
 * line: the backend runs with a logger that keeps every line (message, meta
 * and the fields of child loggers), plus whatever reaches the console, while
 * it serves typical requests and failures. Tokens, the secret and free
 * text in request bodies carry distinctive strings, so that any copy of
 * them is found.
 */
jest.setTimeout(60_000);

const TOKEN_MARK = 'tok3n-must-not-be-logged-7f2c9e';
const SECRET = 'secr3t-must-not-be-logged-91ab4d';
/** In request bodies: comments and payloads are not for the logs either. */
const BODY_MARK = 'b0dy-must-not-be-logged-3e5a70';
/** Matches anything that gives a credential away. */
const FORBIDDEN = [
  TOKEN_MARK,
  SECRET,
  BODY_MARK,
  /bearer\s/i,
  /basic\s/i,
  /"?authorization"?\s*[:=]/i,
  /mock-(user|service)-token/,
];

type LogLine = {
  source: string;
  level: string;
  message: unknown;
  meta: unknown;
};

/** Errors by shape: those of native modules and Node internals fail `instanceof Error` in Jest's realm. */
function isErrorLike(v: unknown): v is Error {
  return (
    v instanceof Error ||
    (typeof v === 'object' &&
      v !== null &&
      typeof (v as Error).message === 'string' &&
      typeof (v as Error).stack === 'string')
  );
}

/** JSON of anything a logger may be handed: errors with all their fields, cycles, headers. */
function stringify(value: unknown): string {
  const seen = new WeakSet<object>();
  return JSON.stringify(value, (_key, v) => {
    if (isErrorLike(v) && !seen.has(v)) {
      seen.add(v);
      return {
        ...v,
        name: v.name,
        message: v.message,
        stack: v.stack,
        cause: (v as { cause?: unknown }).cause,
      };
    }
    if (
      v instanceof Map ||
      (typeof Headers !== 'undefined' && v instanceof Headers)
    ) {
      return Object.fromEntries(v.entries());
    }
    if (typeof v === 'bigint') return String(v);
    if (typeof v === 'object' && v !== null) {
      if (seen.has(v)) return '[circular]';
      seen.add(v);
    }
    return v;
  });
}

/** A root logger (and so every plugin and child logger) that keeps each line. */
function capturingRootLogger(lines: LogLine[]) {
  const make = (fields: JsonObject): RootLoggerService => {
    const log =
      (level: string) =>
      (message: string, meta?: Error | JsonObject): void => {
        lines.push({ source: 'logger', level, message, meta: [fields, meta] });
      };
    return {
      error: log('error'),
      warn: log('warn'),
      info: log('info'),
      debug: log('debug'),
      child: (meta: JsonObject): LoggerService => make({ ...fields, ...meta }),
    };
  };
  return createServiceFactory({
    service: coreServices.rootLogger,
    deps: {},
    factory: () => make({}),
  });
}

/** Console output too: a library that bypasses the logger must not leak either. */
function captureConsole(lines: LogLine[]) {
  return (['log', 'info', 'warn', 'error', 'debug'] as const).map(level =>
    jest.spyOn(console, level).mockImplementation((...args: unknown[]) => {
      lines.push({ source: 'console', level, message: args, meta: undefined });
    }),
  );
}

/** The log lines that give away a credential, or any of `tokens`. */
function leaks(lines: LogLine[], tokens: string[] = []) {
  return lines
    .map(line => stringify(line))
    .filter(text =>
      [...FORBIDDEN, ...tokens].some(pattern =>
        typeof pattern === 'string'
          ? text.includes(pattern)
          : pattern.test(text),
      ),
    );
}

/** A notifier that fails, as a chat webhook that is down would. */
const failingNotifier = createBackendModule({
  pluginId: 'model-hub',
  moduleId: 'failing-notifier',
  register(reg) {
    reg.registerInit({
      deps: { notifiers: modelHubNotifiersExtensionPoint },
      async init({ notifiers }) {
        notifiers.addNotifier({
          async notifyModelOwners() {
            throw new Error('chat webhook answered 503');
          },
        });
      },
    });
  },
});

/** Configuration that holds a secret: a static token for CI pipelines. */
const config = {
  backend: {
    auth: {
      externalAccess: [
        { type: 'static', options: { token: SECRET, subject: 'ci-pipeline' } },
      ],
    },
  },
};

const { databases, ids } = modelHubTestDatabases();
const model = '/models/default/credit-scoring-pd';
const reference = { rows: incomeRows(300, 0) };

describe.each(ids)('logging on %s', databaseId => {
  let lines: LogLine[];
  let spies: jest.SpyInstance[];

  beforeEach(() => {
    lines = [];
    spies = captureConsole(lines);
  });
  afterEach(() => {
    spies.forEach(spy => spy.mockRestore());
  });

  it('logs no token, secret or request text while serving user requests and their failures', async () => {
    // Valid mock tokens that carry the mark in a field the mock ignores.
    const user = (ref: string) =>
      `Bearer mock-user-token:${JSON.stringify({ sub: ref, n: TOKEN_MARK })}`;
    const service = `Bearer mock-service-token:${JSON.stringify({
      sub: 'external:ci-pipeline',
      n: TOKEN_MARK,
    })}`;
    const basic = Buffer.from(`ci:${TOKEN_MARK}`).toString('base64');
    const dana = user('user:default/dana');
    const rita = user('user:default/rita');
    // Permissions: mallory may not decide reviews; for paul the permission
    // backend is down, which fails his requests with a logged 5xx.
    const permissions = mockServices.permissions.mock({
      async authorize(requests, options) {
        const principal = options?.credentials?.principal as
          | { userEntityRef?: string }
          | undefined;
        if (principal?.userEntityRef === 'user:default/paul') {
          throw new Error('permission backend unavailable');
        }
        return requests.map(request => ({
          result:
            request.permission.name === modelHubReviewDecidePermission.name &&
            principal?.userEntityRef === 'user:default/mallory'
              ? AuthorizeResult.DENY
              : AuthorizeResult.ALLOW,
        }));
      },
      async authorizeConditional(requests, options) {
        const principal = options?.credentials?.principal as
          | { userEntityRef?: string }
          | undefined;
        if (principal?.userEntityRef === 'user:default/paul') {
          throw new Error('permission backend unavailable');
        }
        return requests.map(() => ({ result: AuthorizeResult.ALLOW }));
      },
    });
    const started = await startModelHubMockBackend({
      databases,
      databaseId,
      entities: [modelEntity('credit-scoring-pd')],
      config,
      defaultCredentials: mockCredentials.none(),
      extraFeatures: [
        capturingRootLogger(lines),
        permissions.factory,
        failingNotifier,
      ],
    });
    const call = (path: string, options: Parameters<typeof callJson>[1]) =>
      callJson(`${started.base}${path}`, options);
    let serverError = 0;
    try {
      const statuses: Record<string, number> = {};
      const publish = (version: string, auth: string, body?: object) =>
        call(`${model}/versions`, {
          auth,
          body: body ?? {
            version,
            artifactUri: `s3://models/pd/${version}`,
            referenceProfile: reference,
          },
        });

      statuses.publish = (await publish('1.0.0', dana)).status;
      statuses.publishByService = (await publish('1.1.0', service)).status;
      statuses.conflict = (
        await publish('1.0.0', dana, {
          version: '1.0.0',
          artifactUri: 's3://models/pd/other',
        })
      ).status;
      statuses.badPayload = (
        await publish('x', dana, { version: '2.0.0', note: BODY_MARK })
      ).status;
      statuses.malformedJson = (
        await fetch(`${started.base}${model}/versions`, {
          method: 'POST',
          headers: { Authorization: dana, 'Content-Type': 'application/json' },
          body: `{"version": "${BODY_MARK}`,
        })
      ).status;
      statuses.noToken = (await call(`${model}/versions`, {})).status;
      statuses.unknownToken = (
        await call(`${model}/versions`, { auth: `Bearer ${TOKEN_MARK}` })
      ).status;
      statuses.basicAuth = (
        await call(`${model}/versions`, { auth: `Basic ${basic}` })
      ).status;
      statuses.serviceOverride = (
        await call(`${model}/policy-override`, {
          method: 'PUT',
          auth: service,
          body: { policy: { approvals: 1 }, reason: BODY_MARK },
        })
      ).status;
      serverError = (
        await call(`${model}/versions`, { auth: user('user:default/paul') })
      ).status;
      expect(serverError).toBeGreaterThanOrEqual(500);

      const review = await call(`${model}/versions/1.0.0/reviews`, {
        auth: dana,
        body: { comment: `please review ${BODY_MARK}` },
      });
      statuses.review = review.status;
      statuses.deniedDecision = (
        await call(`${model}/reviews/${review.body?.id}/decisions`, {
          auth: user('user:default/mallory'),
          body: { decision: 'APPROVED' },
        })
      ).status;
      statuses.decisionByService = (
        await call(`${model}/reviews/${review.body?.id}/decisions`, {
          auth: service,
          body: { decision: 'APPROVED' },
        })
      ).status;
      await call(`${model}/reviews/${review.body?.id}/decisions`, {
        auth: rita,
        body: { decision: 'APPROVED', comment: BODY_MARK },
      });

      const drift = (auth: string, body: object) =>
        call(`${model}/versions/1.0.0/drift-reports`, { auth, body });
      statuses.drift = (
        await drift(service, {
          environment: 'production',
          rows: incomeRows(300, 30000),
        })
      ).status;
      statuses.badDrift = (
        await drift(dana, {
          environment: 'production',
          profile: { version: 1, columns: { income: null } },
        })
      ).status;
      statuses.unknownVersion = (
        await call(`${model}/versions/9.9.9/drift-reports`, {
          auth: service,
          body: { environment: 'production', rows: incomeRows(300, 0) },
        })
      ).status;
      await call(`${model}/audit-events`, { auth: dana });
      await started.runScheduledTask('model-hub-governance-checks');
      await started.runScheduledTask('model-hub-golden-paths');

      expect(statuses).toEqual({
        publish: 201,
        publishByService: 201,
        conflict: 409,
        badPayload: 400,
        malformedJson: 400,
        noToken: 401,
        unknownToken: 401,
        basicAuth: 401,
        serviceOverride: 403,
        review: 201,
        deniedDecision: 403,
        decisionByService: 403,
        drift: 201,
        badDrift: 400,
        unknownVersion: 404,
      });
    } finally {
      await started.backend.stop();
    }

    // The failures were logged, and so were checked here.
    const messages = lines.map(line => stringify(line.message));
    expect(messages).toContainEqual(
      expect.stringContaining(`Request failed with status ${serverError}`),
    );
    expect(messages).toContainEqual(
      expect.stringContaining('chat webhook answered 503'),
    );
    expect(leaks(lines, [basic])).toEqual([]);
  });

  it('logs no token or secret while serving CI requests with a static token', async () => {
    // Backstage's own auth, so that the configured static token is the real
    // credential, checked (and refused) as in production.
    const started = await startModelHubMockBackend({
      databases,
      databaseId,
      entities: [modelEntity('credit-scoring-pd')],
      config,
      extraFeatures: [
        capturingRootLogger(lines),
        authServiceFactory,
        httpAuthServiceFactory,
      ],
    });
    const ci = `Bearer ${SECRET}`;
    const call = (path: string, options: Parameters<typeof callJson>[1]) =>
      callJson(`${started.base}${path}`, options);
    // A forged user token: a JWT that the auth backend never signed.
    const b64 = (value: object) =>
      Buffer.from(JSON.stringify(value)).toString('base64url');
    const forged = [
      b64({ alg: 'ES256', kid: 'k', typ: 'vnd.backstage.user' }),
      b64({ sub: 'user:default/dana', n: TOKEN_MARK, iat: 1, exp: 9e9 }),
      b64({ sig: TOKEN_MARK }),
    ].join('.');
    try {
      const published = await call(`${model}/versions`, {
        auth: ci,
        body: {
          version: '1.0.0',
          artifactUri: 's3://models/pd/1.0.0',
          referenceProfile: reference,
        },
      });
      expect(published.status).toBe(201);
      expect(published.body.publishedBy).toBe('service:ci-pipeline');
      const drift = await call(`${model}/versions/1.0.0/drift-reports`, {
        auth: ci,
        body: { environment: 'production', rows: incomeRows(300, 30000) },
      });
      expect(drift.status).toBe(201);
      const bad = await call(`${model}/versions`, {
        auth: ci,
        body: { version: '2.0.0' },
      });
      expect(bad.status).toBe(400);

      const wrong = await call(`${model}/versions`, {
        auth: `Bearer ${TOKEN_MARK}`,
      });
      expect(wrong.status).toBe(401);
      const forgedRes = await call(`${model}/versions`, {
        auth: `Bearer ${forged}`,
      });
      expect(forgedRes.status).toBe(401);
    } finally {
      await started.backend.stop();
    }

    expect(lines.length).toBeGreaterThan(0);
    expect(leaks(lines, [forged, forged.split('.')[1]])).toEqual([]);
  });
});
