import fs from 'fs';
import path from 'path';
import { parseAllDocuments } from 'yaml';
import {
  Entity,
  EntityRelation,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';

const EXAMPLES_DIR = path.resolve(__dirname, '../../../../examples/model-hub');

/**
 * The example entities of examples/model-hub with the relations the catalog
 * (with Model Hub's catalog module) gives them: owner, system, dependsOn and
 * group membership, both directions. `catalogServiceMock` serves entities as
 * given and runs no processors, so the test supplies what processing adds.
 */
export function exampleEntities(): Entity[] {
  const entities = fs
    .readdirSync(EXAMPLES_DIR)
    .filter(file => file.endsWith('.yaml'))
    .flatMap(file =>
      parseAllDocuments(
        fs.readFileSync(path.join(EXAMPLES_DIR, file), 'utf8'),
      ).map(doc => doc.toJS() as Entity),
    )
    .filter(e => e.kind !== 'Location');
  return withRelations(entities);
}

export function withRelations(entities: Entity[]): Entity[] {
  const relations = new Map<string, EntityRelation[]>();
  const add = (from: string, type: string, to: string) =>
    relations.set(from, [
      ...(relations.get(from) ?? []),
      { type, targetRef: to },
    ]);
  const ref = (value: string, kind: string, namespace: string) =>
    stringifyEntityRef(
      parseEntityRef(value, { defaultKind: kind, defaultNamespace: namespace }),
    );
  for (const entity of entities) {
    const self = stringifyEntityRef(entity);
    const ns = entity.metadata.namespace ?? 'default';
    const spec = (entity.spec ?? {}) as Record<string, any>;
    if (typeof spec.owner === 'string') {
      const owner = ref(spec.owner, 'group', ns);
      add(self, 'ownedBy', owner);
      add(owner, 'ownerOf', self);
    }
    if (typeof spec.system === 'string') {
      const system = ref(spec.system, 'system', ns);
      add(self, 'partOf', system);
      add(system, 'hasPart', self);
    }
    for (const target of (spec.dependsOn as string[] | undefined) ?? []) {
      const to = ref(target, 'component', ns);
      add(self, 'dependsOn', to);
      add(to, 'dependencyOf', self);
    }
    if (entity.kind === 'User') {
      for (const group of (spec.memberOf as string[] | undefined) ?? []) {
        const to = ref(group, 'group', ns);
        add(self, 'memberOf', to);
        add(to, 'hasMember', self);
      }
    }
  }
  return entities.map(e => ({
    ...e,
    relations: relations.get(stringifyEntityRef(e)) ?? [],
  }));
}
