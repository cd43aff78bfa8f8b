import http from 'node:http';
import {
  InputValidationError,
  ModelUnavailableError,
  validateInput,
  type DriftMonitor,
  type ModelClient,
  type ModelConfig,
} from './model';

export type ServiceOptions = {
  config: ModelConfig;
  client: ModelClient;
  /** Records every valid input for the drift reports. */
  drift?: Pick<DriftMonitor, 'record'>;
  log?: (message: string) => void;
};

const MAX_BODY_BYTES = 1_000_000;

class BodyError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

async function readJson(req: http.IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) {
      throw new BodyError('the body is larger than ' + MAX_BODY_BYTES + ' bytes', 413);
    }
    chunks.push(chunk as Buffer);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new BodyError('the body must be JSON', 400);
  }
}

function send(res: http.ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

/**
 * The HTTP service: POST /predict with one input record answers the model's
 * prediction (or the fallback's, saying so); GET /healthz says which model
 * version is pinned.
 */
export function createService(options: ServiceOptions): http.Server {
  const { config, client } = options;
  const log = options.log ?? (message => console.error(message));
  return http.createServer(async (req, res) => {
    try {
      if (req.method === 'GET' && req.url === '/healthz') {
        send(res, 200, {
          status: 'ok',
          model: config.modelRef,
          version: config.version,
          fallback: config.fallback?.modelRef ?? null,
        });
      } else if (req.method === 'POST' && req.url === '/predict') {
        const input = validateInput(await readJson(req));
        options.drift?.record(input);
        send(res, 200, await client.predict(input));
      } else {
        send(res, 404, { error: 'Not found: use POST /predict or GET /healthz' });
      }
    } catch (error) {
      if (error instanceof BodyError) {
        send(res, error.status, { error: error.message });
      } else if (error instanceof InputValidationError) {
        send(res, 400, { error: error.message });
      } else if (error instanceof ModelUnavailableError) {
        log(error.message);
        send(res, 503, { error: error.message });
      } else {
        log('Unexpected error: ' + (error as Error).stack);
        send(res, 500, { error: 'internal error' });
      }
    }
  });
}
