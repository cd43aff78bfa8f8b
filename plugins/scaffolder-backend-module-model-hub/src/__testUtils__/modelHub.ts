import fs from 'node:fs';
import path from 'node:path';
import { mockCredentials } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import {
  EVIDENCE_DEFINITIONS,
  EVIDENCE_KINDS,
} from '@model-hub/backstage-plugin-model-hub-common';
import { parseAllDocuments } from 'yaml';

/*
 * Test data and Model Hub calls shared by the action and template tests:
 * the repository's example entities, and versions published and approved
 * through Model Hub's HTTP API as real users would (dana publishes, alice
 * and bob review: never the publisher, four eyes).
 */

export const REPO_ROOT = path.resolve(__dirname, '../../../..');

/** Every entity of examples/model-hub, as the catalog would serve them. */
export function exampleEntities(): Entity[] {
  const dir = path.join(REPO_ROOT, 'examples/model-hub');
  return fs
    .readdirSync(dir)
    .filter(file => file.endsWith('.yaml') && file !== 'all.yaml')
    .flatMap(file =>
      parseAllDocuments(fs.readFileSync(path.join(dir, file), 'utf8')).map(
        doc => doc.toJS() as Entity,
      ),
    )
    .map(entity => ({
      ...entity,
      metadata: { namespace: 'default', ...entity.metadata },
    }));
}

export const dana = 'user:default/dana';
export const alice = 'user:default/alice';
export const bob = 'user:default/bob';

/** The signature the tests publish: typed inputs, one optional, one output. */
export const creditSignature = {
  inputs: [
    { name: 'income', type: 'double' },
    { name: 'debt_ratio', type: 'double' },
    { name: 'months_employed', type: 'long' },
    { name: 'region', type: 'string' },
    { name: 'has-guarantor', type: 'boolean', required: false },
  ],
  outputs: [{ name: 'pd', type: 'double' }],
};

/** Reference rows matching {@link creditSignature}. */
export function referenceRows(n: number) {
  return Array.from({ length: n }, (_, i) => ({
    income: 30000 + ((i * 7919) % 50000),
    debt_ratio: ((i * 37) % 100) / 100,
    months_employed: (i * 13) % 240,
    region: ['north', 'south', 'east'][i % 3],
  }));
}

export async function callModelHub(
  base: string,
  urlPath: string,
  who: string,
  body?: unknown,
) {
  const res = await fetch(`${base}/api/model-hub${urlPath}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: {
      Authorization: mockCredentials.user.header(who),
      ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = await res.json();
  if (!res.ok) {
    throw new Error(`${urlPath}: ${res.status} ${JSON.stringify(json)}`);
  }
  return json;
}

/** Publishes a version as dana, with metrics, signature and a reference. */
export async function publishVersion(
  base: string,
  name: string,
  version: string,
) {
  return callModelHub(base, `/models/default/${name}/versions`, dana, {
    version,
    artifactUri: `s3://models/${name}/${version}`,
    metrics: [{ name: 'auc', value: 0.8 }],
    signature: creditSignature,
    referenceProfile: { rows: referenceRows(300) },
  });
}

/** dana asks for a review, attaching a link for every evidence a person attaches. */
export async function requestReview(
  base: string,
  name: string,
  version: string,
): Promise<string> {
  const evidence = Object.fromEntries(
    EVIDENCE_KINDS.filter(
      kind => EVIDENCE_DEFINITIONS[kind].source === 'attached',
    ).map(kind => [
      kind,
      `https://docs.example.com/${name}/${version}/${kind}`,
    ]),
  );
  const review = await callModelHub(
    base,
    `/models/default/${name}/versions/${version}/reviews`,
    dana,
    { evidence },
  );
  return review.id;
}

/** Publishes, asks for a review and approves as alice, and bob when two approvals are needed. */
export async function publishApproved(
  base: string,
  name: string,
  version: string,
) {
  await publishVersion(base, name, version);
  const id = await requestReview(base, name, version);
  for (const reviewer of [alice, bob]) {
    const review = await callModelHub(
      base,
      `/models/default/${name}/reviews/${id}/decisions`,
      reviewer,
      { decision: 'APPROVED', comment: 'Validated' },
    );
    if (review.state === 'APPROVED') return;
  }
  throw new Error(`${name} ${version} was not approved`);
}
