import { ResponseError } from '@backstage/errors';

/**
 * One line on why a backend call failed. A ResponseError's own message is
 * only "Request failed with 403 Forbidden"; the reason the backend gave is in
 * its body.
 */
export function errorMessage(error: Error): string {
  if (error instanceof ResponseError || error.name === 'ResponseError') {
    const { body, statusCode } = error as ResponseError;
    const reason = body?.error?.message;
    if (reason) {
      return statusCode ? `${reason} (HTTP ${statusCode})` : reason;
    }
  }
  return error.message;
}
