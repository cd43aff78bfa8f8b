import type { PublishVersionRequest } from '@model-hub/backstage-plugin-model-hub-common';
import { PublishVersionInput } from '../database/types';

/**
 * What a publish request (REST body or action input, both validated against
 * the contract's PublishVersionRequest) asks to store, with the lists and
 * links it may leave out made empty.
 */
export function publishVersionInput(
  request: Omit<PublishVersionRequest, 'onBehalfOf'>,
): PublishVersionInput {
  return {
    version: request.version,
    artifactUri: request.artifactUri,
    format: request.format,
    trainingRunUrl: request.trainingRunUrl,
    datasets: [...(request.datasets ?? [])],
    metrics: [...(request.metrics ?? [])],
    signature: request.signature,
    referenceProfile: request.referenceProfile,
    driftSettings: request.driftSettings,
    evidence: { ...(request.evidence ?? {}) },
  };
}
