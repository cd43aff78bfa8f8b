import {
  DRIFT_STATUSES,
  EVIDENCE_DEFINITIONS,
  EVIDENCE_KINDS,
  GOVERNANCE_STATES,
  REVIEW_DECISIONS,
  RISK_LEVELS,
} from '@model-hub/backstage-plugin-model-hub-common';
import { DRIFT_METHODS } from '@model-hub/model-hub-drift';
import { MAX_QUERY_INTEGER, queryInteger } from '../requestLimits';
import { loadOpenApiSpec } from './spec';

describe('OpenAPI document', () => {
  const spec = loadOpenApiSpec();

  it('accepts exactly the evidence kinds the governance policy knows', () => {
    expect(spec.components.schemas.EvidenceKind.enum).toEqual(EVIDENCE_KINDS);
  });

  it('takes links only for evidence that is attached, never for derived evidence', () => {
    expect(spec.components.schemas.AttachedEvidenceKind.enum).toEqual(
      EVIDENCE_KINDS.filter(k => EVIDENCE_DEFINITIONS[k].source === 'attached'),
    );
  });

  it('states the largest offset the router takes', () => {
    const { schema } = spec.components.parameters.offset;
    expect(schema.maximum).toBe(MAX_QUERY_INTEGER);
    expect(queryInteger('offset', schema.maximum, 0)).toBe(schema.maximum);
    expect(() => queryInteger('offset', schema.maximum + 1, 0)).toThrow(
      /^offset: /,
    );
    // Every offset of the contract is this parameter.
    for (const [path, operations] of Object.entries<any>(spec.paths)) {
      for (const operation of Object.values<any>(operations)) {
        for (const parameter of operation.parameters ?? []) {
          expect({ path, parameter }).not.toEqual({
            path,
            parameter: expect.objectContaining({ name: 'offset' }),
          });
        }
      }
    }
  });

  it('names the states, levels and decisions model-hub-common knows', () => {
    const { schemas } = spec.components;
    expect(schemas.RiskLevel.enum).toEqual(RISK_LEVELS);
    expect(schemas.GovernanceState.enum).toEqual(GOVERNANCE_STATES);
    expect(schemas.ReviewDecision.enum).toEqual(REVIEW_DECISIONS);
    expect(schemas.DriftStatus.enum).toEqual(DRIFT_STATUSES);
  });

  it('names the drift methods the drift engine knows', () => {
    expect(spec.components.schemas.DriftMethod.enum).toEqual(
      Object.keys(DRIFT_METHODS),
    );
  });
});
