import { CustomErrorBase } from '@backstage/errors';
import {
  ModelAlias,
  ModelDeployment,
  ModelVersion,
  Page,
  PageRequest,
  PublishedVersion,
  PublishVersionInput,
} from './types';

/**
 * Thrown by {@link VersionStore.insert} when the version string is taken,
 * typically by a concurrent publish that won the race.
 */
export class VersionExistsError extends CustomErrorBase {
  name = 'VersionExistsError' as const;
}

/** Versions of models, and the aliases and deployments that point at them. */
export interface VersionStore {
  /**
   * Stores a new version. Throws {@link VersionExistsError} when the model
   * already has the version; inside a transaction, that transaction is then
   * unusable (PostgreSQL aborts it) and must be rolled back.
   */
  insert(
    modelRef: string,
    input: PublishVersionInput,
    published: {
      contentHash: string;
      by: string;
      /** The person a CI publish acted for. */
      onBehalfOf?: string;
      at: string;
    },
  ): Promise<ModelVersion>;

  get(modelRef: string, version: string): Promise<ModelVersion | undefined>;

  /**
   * Many versions of a model, by version string, without the drift reference
   * (as `listSummaries`); versions the model lacks are not in the map.
   */
  getSummaries(
    modelRef: string,
    versions: string[],
  ): Promise<Map<string, ModelVersion>>;

  /**
   * What a version's drift windows are judged by: its drift reference as the
   * JSON it was stored as (not parsed here: a large one is parsed only in a
   * drift worker thread), and its drift terms. Undefined when the model
   * lacks the version.
   */
  getDriftReference(
    modelRef: string,
    version: string,
  ): Promise<
    | { referenceJson?: string; driftSettings?: Record<string, unknown> }
    | undefined
  >;

  /**
   * Locks a version's row until the surrounding transaction ends
   * (PostgreSQL; SQLite serializes write transactions anyway), so that
   * read-then-write steps on the version (such as replacing its open review)
   * take turns across replicas. False when there is no such version.
   */
  lock(modelRef: string, version: string): Promise<boolean>;

  /** A version with the hash of its content, to tell a retry from a conflict. */
  getPublished(
    modelRef: string,
    version: string,
  ): Promise<PublishedVersion | undefined>;

  /**
   * Everyone recorded as publishing a version of the model: publishers and
   * the people CI publishes named.
   */
  publishers(modelRef: string): Promise<string[]>;

  /**
   * A page of a model's versions, newest first, without the drift
   * reference, which can be large (`hasReferenceProfile` says whether one
   * exists; `get` reads it).
   */
  listSummaries(
    modelRef: string,
    page: PageRequest,
  ): Promise<Page<ModelVersion>>;

  /**
   * Marks a version deprecated; undefined when there is no such version or
   * it is deprecated already (a deprecation is recorded once).
   */
  deprecate(
    modelRef: string,
    version: string,
    deprecation: { reason: string; by: string; at: string },
  ): Promise<ModelVersion | undefined>;

  /** Points an alias at a version; returns the version it pointed at before. */
  setAlias(
    modelRef: string,
    alias: ModelAlias,
  ): Promise<{ previousVersion?: string }>;

  /** Records what serves in an environment; returns what served before. */
  setDeployment(
    modelRef: string,
    deployment: ModelDeployment,
  ): Promise<{ previousVersion?: string }>;

  /**
   * A model's aliases (by name) and what serves in each environment (by
   * environment), read together: the model page's overview needs both.
   */
  listPointers(
    modelRef: string,
  ): Promise<{ aliases: ModelAlias[]; deployments: ModelDeployment[] }>;
}
