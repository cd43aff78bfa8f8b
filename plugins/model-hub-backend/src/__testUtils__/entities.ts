import type { Entity } from '@backstage/catalog-model';

/** A Model entity as the catalog serves it, with its risk assessment. */
export function modelEntity(
  name: string,
  overrides: {
    type?: string;
    lifecycle?: string;
    owner?: string;
    /** Likelihood x impact of a wrong prediction: drives the risk level. */
    wrongPrediction?: { likelihood: number; impact: number };
    fallbackModel?: string;
  } = {},
): Entity {
  return {
    apiVersion: 'model-hub.io/v1alpha1',
    kind: 'Model',
    metadata: {
      name,
      namespace: 'default',
      title: name,
      description: `The ${name} model`,
    },
    spec: {
      type: overrides.type ?? 'classification',
      lifecycle: overrides.lifecycle ?? 'production',
      owner: overrides.owner ?? 'group:default/credit-risk',
      intendedUse: { useCases: ['Credit decision support'] },
      ...(overrides.fallbackModel
        ? { fallbackModel: overrides.fallbackModel }
        : {}),
      risk: {
        assessments: {
          unavailability: { likelihood: 1, impact: 2 },
          wrongPrediction: overrides.wrongPrediction ?? {
            likelihood: 1,
            impact: 3,
          },
          degradation: { likelihood: 1, impact: 2 },
          skillsLoss: { likelihood: 1, impact: 1 },
        },
        rationale: 'Test model',
        regulatoryCategory: 'limited',
        businessDomain: 'consumer-credit',
      },
    },
  };
}

/** Rows of a drift window: income around 40k..60k plus a shift, two regions. */
export function incomeRows(n: number, incomeShift: number) {
  return Array.from({ length: n }, (_, i) => ({
    income: 40000 + ((i * 7919) % 20000) + incomeShift,
    region: i % 3 === 0 ? 'north' : 'south',
  }));
}

/** A User entity as the catalog serves it, with its group memberships. */
export function userEntity(
  name: string,
  groups: string[] = [],
  annotations: Record<string, string> = {},
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'User',
    metadata: { name, namespace: 'default', annotations },
    spec: { memberOf: groups },
    relations: groups.map(targetRef => ({ type: 'memberOf', targetRef })),
  };
}
