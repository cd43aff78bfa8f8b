import { NotFoundError } from '@backstage/errors';
import { ModelVersion } from '../database/types';
import { VersionStore } from '../database/VersionStore';

/** A version of a model, or a 404 naming what is missing. */
export async function requireVersion(
  versions: VersionStore,
  modelRef: string,
  version: string,
): Promise<ModelVersion> {
  const found = await versions.get(modelRef, version);
  if (!found) {
    throw new NotFoundError(`${modelRef} has no version ${version}`);
  }
  return found;
}
