import { AuditorService, LoggerService } from '@backstage/backend-plugin-api';
import express from 'express';

/*
 * Every write to Model Hub, and above all every refused one, is recorded
 * through Backstage's auditor service: who tried what on which model, and
 * whether it was refused and why. Model Hub's own audit trail records what
 * happened to a model; this records the attempts, including those that
 * changed nothing (a CI token naming a reviewer, an owner lowering a policy).
 */

/** The write operations, by method and path: the auditor event of each. */
const WRITES: Array<{
  method: string;
  path: RegExp;
  eventId: string;
  severityLevel: 'medium' | 'high';
  target?: string;
}> = [
  {
    method: 'POST',
    path: /^\/models\/([^/]+)\/([^/]+)\/versions$/,
    eventId: 'version-publish',
    severityLevel: 'medium',
  },
  {
    method: 'POST',
    path: /^\/models\/([^/]+)\/([^/]+)\/versions\/([^/]+)\/deprecation$/,
    eventId: 'version-deprecate',
    severityLevel: 'medium',
    target: 'version',
  },
  {
    method: 'PUT',
    path: /^\/models\/([^/]+)\/([^/]+)\/aliases\/([^/]+)$/,
    eventId: 'alias-move',
    severityLevel: 'medium',
    target: 'alias',
  },
  {
    method: 'PUT',
    path: /^\/models\/([^/]+)\/([^/]+)\/deployments\/([^/]+)$/,
    eventId: 'deployment-record',
    severityLevel: 'medium',
    target: 'environment',
  },
  {
    method: 'POST',
    path: /^\/models\/([^/]+)\/([^/]+)\/versions\/([^/]+)\/reviews$/,
    eventId: 'review-request',
    severityLevel: 'medium',
    target: 'version',
  },
  {
    method: 'POST',
    path: /^\/models\/([^/]+)\/([^/]+)\/reviews\/([^/]+)\/decisions$/,
    eventId: 'review-decide',
    severityLevel: 'high',
    target: 'reviewId',
  },
  {
    method: 'PUT',
    path: /^\/models\/([^/]+)\/([^/]+)\/policy-override$/,
    eventId: 'policy-override',
    severityLevel: 'high',
  },
  {
    method: 'POST',
    path: /^\/models\/([^/]+)\/([^/]+)\/versions\/([^/]+)\/drift-reports$/,
    eventId: 'drift-submit',
    severityLevel: 'medium',
    target: 'version',
  },
];

function writeOf(req: express.Request) {
  for (const write of WRITES) {
    if (write.method !== req.method) continue;
    const match = write.path.exec(req.path);
    if (!match) continue;
    const [, namespace, name, target] = match.map(part =>
      part === undefined ? part : decodeURIComponent(part),
    );
    return {
      ...write,
      meta: {
        modelRef: `model:${namespace}/${name}`,
        ...(write.target ? { [write.target]: target } : {}),
      },
    };
  }
  return undefined;
}

/**
 * Middleware around the API's routes: `start` before them records each
 * write that succeeds, `refused` after them each one that fails (a refusal
 * by Model Hub, the permission framework or the contract's validation).
 */
export function writeAudit(auditor: AuditorService, logger: LoggerService) {
  const record = async (
    req: express.Request,
    outcome: { status: number; error?: Error },
  ) => {
    const write = writeOf(req);
    if (!write) return;
    try {
      const event = await auditor.createEvent({
        eventId: write.eventId,
        severityLevel: write.severityLevel,
        request: req,
        meta: { ...write.meta, status: outcome.status },
      });
      if (outcome.error) await event.fail({ error: outcome.error });
      else await event.success();
    } catch (error) {
      // An unauthenticated request has no actor to record (401).
      logger.debug(`Auditor event ${write.eventId} not recorded: ${error}`);
    }
  };

  const start: express.RequestHandler = (req, res, next) => {
    res.on('finish', () => {
      if (res.statusCode < 400) void record(req, { status: res.statusCode });
    });
    next();
  };
  const refused: express.ErrorRequestHandler = (error, req, _res, next) => {
    void record(req, { status: statusOf(error), error });
    next(error);
  };
  return { start, refused };
}

/** The status Backstage's error handler answers an error with. */
const STATUS_BY_ERROR_NAME: Record<string, number> = {
  InputError: 400,
  AuthenticationError: 401,
  NotAllowedError: 403,
  NotFoundError: 404,
  ConflictError: 409,
  NotModifiedError: 304,
  ServiceUnavailableError: 503,
};

function statusOf(error: any): number {
  const given = Number(error?.statusCode ?? error?.status);
  if (Number.isInteger(given) && given >= 100) return given;
  return STATUS_BY_ERROR_NAME[error?.name] ?? 500;
}
