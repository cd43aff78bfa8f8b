import { z } from 'zod/v3';
import { contractObject, fromSchema } from './contractInput';

describe('action inputs from the contract', () => {
  it('takes and refuses what the contract does, naming the field', () => {
    const publish = contractObject(z, 'PublishVersionRequest', {
      own: { model: z.string() },
      omit: ['onBehalfOf'],
    });
    const valid = { model: 'm', version: '1.0.0', artifactUri: 's3://x' };
    expect(publish.safeParse(valid).success).toBe(true);
    const issues = (input: Record<string, unknown>) =>
      publish
        .safeParse({ ...valid, ...input })
        .error?.issues.map(i => i.message);
    expect(issues({ version: 'a b' })).toEqual([
      'version: must match the pattern ^[A-Za-z0-9][A-Za-z0-9._+-]{0,127}$',
    ]);
    expect(issues({ metrics: [{ name: 'auc', value: 'high' }] })).toEqual([
      'metrics[].value: must be a number',
    ]);
    expect(issues({ evidence: { modelCard: 'x' } })).toEqual([
      'evidence.modelCard: not one of independentValidation, fairnessEvaluation, humanOversightPlan, technicalDocumentation',
    ]);
    expect(issues({ artifactUri: undefined })).toEqual([
      'artifactUri: is required',
    ]);
  });

  it('refuses to make an input of a rule it does not know', () => {
    expect(() =>
      fromSchema(z, { type: 'number', multipleOf: 2 }, 'count'),
    ).toThrow(/^count: the contract keyword "multipleOf"/);
    expect(() => fromSchema(z, { type: ['string', 'null'] }, 'x')).toThrow(
      /unsupported schema type/,
    );
  });
});
