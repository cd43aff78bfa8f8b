import type { ModelHubErrorResponseBody } from '../schema/openapi';

function isErrorResponseBody(
  value: unknown,
): value is ModelHubErrorResponseBody {
  const body = value as ModelHubErrorResponseBody | undefined;
  return (
    typeof body?.error?.message === 'string' &&
    typeof body?.response?.statusCode === 'number'
  );
}

/**
 * A Model Hub backend error response, thrown by
 * {@link unwrapModelHubResponse}: the message is the backend's own message.
 * @public
 */
export class ModelHubResponseError extends Error {
  /** The HTTP status, e.g. 404. */
  readonly statusCode: number;
  /** The backend's error body, when the response carried one. */
  readonly body?: ModelHubErrorResponseBody;
  readonly response: Response;

  constructor(response: Response, error: unknown) {
    const body = isErrorResponseBody(error) ? error : undefined;
    let message = `Request failed with status ${response.status} ${response.statusText}`;
    if (body) {
      message = body.error.message;
    } else if (typeof error === 'string' && error) {
      message = `${message}, ${error}`;
    }
    super(message);
    this.name = 'ModelHubResponseError';
    this.statusCode = response.status;
    this.body = body;
    this.response = response;
  }
}

/**
 * The data of an openapi-fetch result, or a thrown
 * {@link ModelHubResponseError} when the backend refused the request.
 * @public
 */
export function unwrapModelHubResponse<T>(result: {
  data?: T;
  error?: unknown;
  response: Response;
}): T {
  if (result.error !== undefined || !result.response.ok) {
    throw new ModelHubResponseError(result.response, result.error);
  }
  return result.data as T;
}
