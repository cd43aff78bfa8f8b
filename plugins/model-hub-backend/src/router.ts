import {
  AuditorService,
  HttpAuthService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { createValidatedOpenApiRouterFromGeneratedEndpointMap } from '@backstage/backend-openapi-utils';
import express from 'express';
import { ModelHubEndpointMap } from './schema/endpoints';
import { loadOpenApiSpec } from './schema/spec';
import { queryInteger } from './requestLimits';
import { publishVersionInput } from './service/publishVersionInput';
import { mapDatabaseUnavailable } from './database/unavailable';
import { DriftService, DriftSubmission } from './service/DriftService';
import { GovernanceService } from './service/GovernanceService';
import { ModelVersionService } from './service/ModelVersionService';
import { OperationsMetricsService } from './service/OperationsMetricsService';
import { StatusService } from './service/StatusService';
import { ModelListService } from './service/ModelListService';
import { ReviewInboxService } from './service/ReviewInboxService';
import { GoldenPathService } from './goldenPaths/GoldenPathService';
import { writeAudit } from './writeAudit';
import { jsonBodyParser, rowsBodyOf, usableInput } from './bodyLimits';
import type { DriftWorkerPool } from './drift/DriftWorkerPool';

export type RouterOptions = {
  httpAuth: HttpAuthService;
  versions: ModelVersionService;
  governance: GovernanceService;
  drift: DriftService;
  status: StatusService;
  modelList: ModelListService;
  reviewInbox: ReviewInboxService;
  goldenPaths: GoldenPathService;
  operations: OperationsMetricsService;
  /** Largest JSON body accepted, e.g. `20mb` (`modelHub.maxRequestBodySize`). */
  maxRequestBodySize: string;
  /** Large bodies taken at once (`modelHub.maxConcurrentLargeBodies`, default 2). */
  maxConcurrentLargeBodies?: number;
  /** Worker threads that parse large drift window bodies (see bodyLimits.ts). */
  driftWorkers?: DriftWorkerPool;
  /** Records every write attempt, refused ones included (see writeAudit.ts). */
  auditor?: AuditorService;
  logger?: LoggerService;
};

function page(query: { limit?: number; offset?: number }) {
  return {
    limit: queryInteger('limit', query.limit, 20),
    offset: queryInteger('offset', query.offset, 0),
  };
}

/**
 * Answers 200 with a body that is already JSON (a list assembled from kept
 * items), as the catalog writes its entity lists: `res.json` would serialise
 * it again and hash every page for an ETag.
 */
function sendJson(res: express.Response, json: string) {
  res.status(200).type('application/json').end(json);
}

/**
 * Translates HTTP to service calls. Requests are validated against
 * src/schema/openapi.yaml first, so malformed payloads are refused with a 400
 * that names the field before any service runs.
 */
export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const {
    httpAuth,
    versions,
    governance,
    drift,
    status,
    modelList,
    reviewInbox,
    goldenPaths,
    operations,
  } = options;
  const spec = loadOpenApiSpec();
  // One parser for both routers: it counts the large bodies in flight.
  const bodyParser = jsonBodyParser(
    spec,
    options.maxRequestBodySize,
    options.maxConcurrentLargeBodies,
    options.driftWorkers,
  );
  const validatedRouter = (paths: Record<string, unknown>) =>
    createValidatedOpenApiRouterFromGeneratedEndpointMap<ModelHubEndpointMap>(
      { ...spec, paths },
      { middleware: bodyParser },
    );
  const router = validatedRouter(spec.paths);
  router.use(usableInput);
  // The model list and the status call (every Models page and service tab)
  // are validated against their own paths. express-openapi-validator builds
  // the path matcher of every route it tries, on every request, and tries
  // `/models` and `/status` after all the others: 18 and 22 matchers
  // (cdimascio/express-openapi-validator#1217 would keep them).
  const hotPaths = ['/models', '/status'];
  const hotRouter = validatedRouter(
    Object.fromEntries(hotPaths.map(path => [path, spec.paths[path]])),
  );
  hotRouter.use(usableInput);
  // Likewise the reads each model page makes, one router of their own.
  const modelPagePaths = {
    '/models/{namespace}/{name}': '/models/:namespace/:name',
    '/models/{namespace}/{name}/versions': '/models/:namespace/:name/versions',
    '/models/{namespace}/{name}/reviews': '/models/:namespace/:name/reviews',
    '/models/{namespace}/{name}/governance':
      '/models/:namespace/:name/governance',
    '/models/{namespace}/{name}/drift-reports':
      '/models/:namespace/:name/drift-reports',
    '/models/{namespace}/{name}/audit-events':
      '/models/:namespace/:name/audit-events',
    '/scorecards/{kind}/{namespace}/{name}':
      '/scorecards/:kind/:namespace/:name',
  };
  const pageRouter = validatedRouter(
    Object.fromEntries(
      Object.keys(modelPagePaths).map(path => [path, spec.paths[path]]),
    ),
  );
  pageRouter.use(usableInput);

  // The typed router narrows `req`; httpAuth only needs its headers.
  const credentials = (req: unknown) =>
    httpAuth.credentials(req as express.Request, {
      allow: ['user', 'service'],
    });
  // Review decisions are a person's call: CI tokens may not approve.
  const userCredentials = (req: unknown) =>
    httpAuth.credentials(req as express.Request, { allow: ['user'] });

  hotRouter.get('/models', async (req, res) => {
    const { limit, offset, ...filters } = req.query;
    const body = await modelList.listJson(
      { ...filters, ...page({ limit, offset }) },
      await credentials(req),
    );
    sendJson(res, body);
  });

  pageRouter.get('/models/:namespace/:name', async (req, res) => {
    res.json(await versions.overview(req.params, await credentials(req)));
  });

  pageRouter.get('/models/:namespace/:name/versions', async (req, res) => {
    sendJson(
      res,
      await versions.listVersionsJson(
        req.params,
        page(req.query),
        await credentials(req),
      ),
    );
  });

  router.post('/models/:namespace/:name/versions', async (req, res) => {
    const { onBehalfOf, onBehalfOfGithubLogin, ...body } = req.body;
    const result = await versions.publish(
      req.params,
      publishVersionInput(body),
      await credentials(req),
      { onBehalfOf, onBehalfOfGithubLogin },
    );
    res.status(result.created ? 201 : 200).json(result.version);
  });

  router.get('/models/:namespace/:name/versions/:version', async (req, res) => {
    const { version, ...model } = req.params;
    res.json(await versions.getVersion(model, version, await credentials(req)));
  });

  router.post(
    '/models/:namespace/:name/versions/:version/deprecation',
    async (req, res) => {
      const { version, ...model } = req.params;
      res.json(
        await versions.deprecate(
          model,
          version,
          req.body.reason,
          await credentials(req),
        ),
      );
    },
  );

  router.put('/models/:namespace/:name/aliases/:alias', async (req, res) => {
    const { alias, ...model } = req.params;
    res.json(
      await versions.setAlias(
        model,
        alias,
        req.body.version,
        await credentials(req),
      ),
    );
  });

  router.put(
    '/models/:namespace/:name/deployments/:environment',
    async (req, res) => {
      const { environment, ...model } = req.params;
      res.json(
        await versions.setDeployment(
          model,
          environment,
          req.body.version,
          await credentials(req),
        ),
      );
    },
  );

  router.post(
    '/models/:namespace/:name/versions/:version/reviews',
    async (req, res) => {
      const { version, ...model } = req.params;
      const review = await governance.requestReview(
        model,
        version,
        {
          evidence: { ...(req.body.evidence ?? {}) },
          comment: req.body.comment,
          onBehalfOf: req.body.onBehalfOf,
          onBehalfOfGithubLogin: req.body.onBehalfOfGithubLogin,
        },
        await credentials(req),
      );
      res.status(201).json(review);
    },
  );

  pageRouter.get('/models/:namespace/:name/reviews', async (req, res) => {
    res.json(
      await governance.listReviews(
        req.params,
        page(req.query),
        await credentials(req),
      ),
    );
  });

  router.post(
    '/models/:namespace/:name/reviews/:reviewId/decisions',
    async (req, res) => {
      const { reviewId, ...model } = req.params;
      res.json(
        await governance.decide(
          model,
          reviewId,
          { decision: req.body.decision, comment: req.body.comment },
          await userCredentials(req),
        ),
      );
    },
  );

  pageRouter.get('/models/:namespace/:name/governance', async (req, res) => {
    const { version } = req.query;
    res.json(
      await governance.summary(req.params, await credentials(req), {
        include: version ? [version] : [],
      }),
    );
  });

  // Overriding governance is a person's act under their own permission:
  // a CI or plugin token cannot lower a model's required approvals.
  router.put('/models/:namespace/:name/policy-override', async (req, res) => {
    res.json(
      await governance.overridePolicy(
        req.params,
        {
          policy: {
            ...req.body.policy,
            evidence: req.body.policy.evidence && [...req.body.policy.evidence],
          },
          reason: req.body.reason,
        },
        await userCredentials(req),
      ),
    );
  });

  router.post(
    '/models/:namespace/:name/versions/:version/drift-reports',
    async (req, res) => {
      const { version, ...model } = req.params;
      // A large body's rows are still in the body, read only in a worker
      // thread (req.body holds their stand-ins; see bodyLimits.ts).
      const rowsBody = rowsBodyOf(res);
      const report = await drift.submit(
        model,
        version,
        // The engine checks the profile's inner structure and names what is wrong.
        {
          ...(req.body as unknown as DriftSubmission),
          ...(rowsBody ? { rows: undefined, rowsBody } : {}),
        },
        await credentials(req),
      );
      res.status(201).json(report);
    },
  );

  pageRouter.get('/models/:namespace/:name/drift-reports', async (req, res) => {
    sendJson(
      res,
      await drift.listReportsJson(
        req.params,
        {
          environment: req.query.environment,
          from: req.query.from,
          to: req.query.to,
        },
        page(req.query),
        await credentials(req),
      ),
    );
  });

  pageRouter.get('/models/:namespace/:name/audit-events', async (req, res) => {
    sendJson(
      res,
      await versions.auditTrailJson(
        req.params,
        page(req.query),
        await credentials(req),
      ),
    );
  });

  router.get(
    '/models/:namespace/:name/operations-metrics',
    async (req, res) => {
      res.json(await operations.metrics(req.params, await credentials(req)));
    },
  );

  // An inbox is a person's: service tokens have none.
  router.get('/reviews', async (req, res) => {
    res.json(
      await reviewInbox.inbox(await userCredentials(req), {
        expiringWithinDays: queryInteger(
          'expiringWithinDays',
          req.query.expiringWithinDays,
          30,
        ),
      }),
    );
  });

  router.get('/golden-paths/checks', async (req, res) => {
    await credentials(req);
    res.json({ items: goldenPaths.listChecks() });
  });

  router.post('/golden-paths/evaluate', async (req, res) => {
    res.json({
      verdicts: await goldenPaths.evaluateCandidate(
        req.body.entity as any,
        await credentials(req),
      ),
    });
  });

  router.get('/scorecards', async (req, res) => {
    res.json(
      await goldenPaths.overview(await credentials(req), {
        kind: req.query.kind,
      }),
    );
  });

  pageRouter.get('/scorecards/:kind/:namespace/:name', async (req, res) => {
    const { kind, namespace, name } = req.params;
    res.json(
      await goldenPaths.scorecard(
        `${kind.toLocaleLowerCase('en-US')}:${namespace}/${name}`,
        await credentials(req),
      ),
    );
  });

  hotRouter.post('/status', async (req, res) => {
    res.json(
      await status.statuses([...req.body.entityRefs], await credentials(req)),
    );
  });

  // A database that cannot be reached fails the request with 503 (retry),
  // not 500; Backstage's error handler writes the response. Every 503 (a
  // database away, drift worker threads with a full queue) says when to
  // come back.
  const unavailable: express.ErrorRequestHandler = (error, _req, res, next) => {
    const mapped = mapDatabaseUnavailable(error);
    if (
      (mapped as Error | undefined)?.name === 'ServiceUnavailableError' &&
      !res.headersSent
    ) {
      res.setHeader('Retry-After', '5');
    }
    next(mapped);
  };
  // Only the hot paths reach the hot router: its own spec route
  // (`/openapi.json`) must not answer for the whole API.
  const root = express.Router();
  root.get('/models', hotRouter);
  root.post('/status', hotRouter);
  root.get(Object.values(modelPagePaths), pageRouter);
  const audit =
    options.auditor && options.logger
      ? writeAudit(options.auditor, options.logger)
      : undefined;
  if (audit) root.use(audit.start);
  root.use(router);
  if (audit) root.use(audit.refused);
  root.use(unavailable);
  return root;
}
