import {
  DEFAULT_NAMESPACE,
  parseEntityRef,
  RELATION_API_PROVIDED_BY,
  RELATION_DEPENDENCY_OF,
  RELATION_DEPENDS_ON,
  RELATION_HAS_PART,
  RELATION_OWNED_BY,
  RELATION_OWNER_OF,
  RELATION_PART_OF,
  RELATION_PROVIDES_API,
  type CompoundEntityRef,
} from '@backstage/catalog-model';
import {
  RELATION_FALLBACK_MODEL_OF,
  RELATION_HAS_FALLBACK_MODEL,
} from './constants';
import type { ModelEntityV1alpha1 } from './types';

/**
 * A field of a Model entity that holds an entity reference.
 *
 * @public
 */
export type ModelEntityRefField = {
  /** Dot path of the field, e.g. `spec.trainingData[0].dataset`. */
  path: string;
  /** The reference as written. */
  ref: string;
  /** Kind assumed when the reference has none. */
  defaultKind: string;
  /** Kinds the reference may point to (lower case). */
  allowedKinds: string[];
  /**
   * The relation pair emitted for the field, from the model's point of view;
   * absent for references that create no relation (metric datasets).
   */
  relation?: { outgoing: string; incoming: string };
};

/**
 * Lists the entity references of a Model entity with the kinds they may point
 * to and the relations they produce:
 *
 * - `spec.owner`: ownedBy / ownerOf (group or user, default group)
 * - `spec.system`: partOf / hasPart (system)
 * - `spec.trainingData[].dataset`: dependsOn / dependencyOf (resource)
 * - `spec.serving.providesApi`: providesApi / apiProvidedBy (api)
 * - `spec.fallbackModel`: hasFallbackModel / fallbackModelOf (model)
 * - `spec.metrics[].dataset`: no relation (resource)
 * - `spec.risk.assessedBy`: no relation (user or group, default user)
 *
 * @public
 */
export function getModelEntityRefFields(
  entity: ModelEntityV1alpha1,
): ModelEntityRefField[] {
  const spec = entity.spec;
  const fields: ModelEntityRefField[] = [];
  const add = (
    path: string,
    ref: string | undefined,
    defaultKind: string,
    allowedKinds: string[],
    relation?: [string, string],
  ) => {
    if (ref !== undefined) {
      fields.push({
        path,
        ref,
        defaultKind,
        allowedKinds,
        ...(relation && {
          relation: { outgoing: relation[0], incoming: relation[1] },
        }),
      });
    }
  };

  add(
    'spec.owner',
    spec.owner,
    'Group',
    ['group', 'user'],
    [RELATION_OWNED_BY, RELATION_OWNER_OF],
  );
  add(
    'spec.system',
    spec.system,
    'System',
    ['system'],
    [RELATION_PART_OF, RELATION_HAS_PART],
  );
  spec.trainingData?.forEach((data, index) =>
    add(
      `spec.trainingData[${index}].dataset`,
      data.dataset,
      'Resource',
      ['resource'],
      [RELATION_DEPENDS_ON, RELATION_DEPENDENCY_OF],
    ),
  );
  add(
    'spec.serving.providesApi',
    spec.serving?.providesApi,
    'API',
    ['api'],
    [RELATION_PROVIDES_API, RELATION_API_PROVIDED_BY],
  );
  add(
    'spec.fallbackModel',
    spec.fallbackModel,
    'Model',
    ['model'],
    [RELATION_HAS_FALLBACK_MODEL, RELATION_FALLBACK_MODEL_OF],
  );
  spec.metrics?.forEach((metric, index) =>
    add(`spec.metrics[${index}].dataset`, metric.dataset, 'Resource', [
      'resource',
    ]),
  );
  add('spec.risk.assessedBy', spec.risk?.assessedBy, 'User', ['user', 'group']);
  return fields;
}

/**
 * Resolves a reference field against the namespace of the model that holds
 * it.
 *
 * @throws TypeError if the reference is malformed.
 * @public
 */
export function resolveModelEntityRef(
  entity: ModelEntityV1alpha1,
  field: ModelEntityRefField,
): CompoundEntityRef {
  return parseEntityRef(field.ref, {
    defaultKind: field.defaultKind,
    defaultNamespace: entity.metadata.namespace ?? DEFAULT_NAMESPACE,
  });
}

/**
 * The model versions a service pins, read from its
 * `model-hub.io/pinned-versions` annotation: model entity ref (normalised,
 * e.g. `model:default/credit-scoring-pd`) to version. Malformed pairs are
 * skipped: a pin is advice for the Models tab, not a contract.
 *
 * @public
 */
export function parsePinnedVersions(
  annotation: string | undefined,
  defaultNamespace: string = DEFAULT_NAMESPACE,
): Map<string, string> {
  const pins = new Map<string, string>();
  for (const pair of (annotation ?? '').split(',')) {
    const at = pair.trim().lastIndexOf('@');
    if (at <= 0) continue;
    const version = pair.trim().slice(at + 1);
    try {
      const ref = parseEntityRef(pair.trim().slice(0, at), {
        defaultKind: 'model',
        defaultNamespace,
      });
      if (version) {
        pins.set(
          `${ref.kind.toLocaleLowerCase('en-US')}:${ref.namespace}/${ref.name}`,
          version,
        );
      }
    } catch {
      // Not an entity ref: skipped.
    }
  }
  return pins;
}
