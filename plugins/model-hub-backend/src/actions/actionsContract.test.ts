import { mockCredentials } from '@backstage/backend-test-utils';
import { incomeRows, modelEntity } from '../__testUtils__/entities';
import {
  callJson,
  modelHubTestDatabases,
  startModelHubMockBackend,
} from '../__testUtils__/mockBackend';
import { loadOpenApiSpec } from '../schema/spec';

/*
 * Issue #21, finding 8 ("the actions registry validates less than the REST
 * API"): the publish and drift actions take exactly what the contract's
 * PublishVersionRequest and DriftSubmission take, and refuse the rest with
 * an error naming the field, storing nothing.
 */
jest.setTimeout(60_000);

const { databases, ids } = modelHubTestDatabases();
const dana = mockCredentials.user.header('user:default/dana');
const model = 'model:default/credit-scoring-pd';

describe.each(ids)(
  'Model Hub actions follow the contract on %s',
  databaseId => {
    let started: Awaited<ReturnType<typeof startModelHubMockBackend>>;
    let actionsUrl: string;
    const invoke = (name: string, input: unknown) =>
      callJson(`${actionsUrl}/model-hub:${name}/invoke`, {
        auth: dana,
        body: input,
      });
    const publish = (input: Record<string, unknown>) =>
      invoke('publish-model-version', {
        model,
        version: '1.0.0',
        artifactUri: 's3://models/pd/1.0.0',
        referenceProfile: { rows: incomeRows(50, 0) },
        ...input,
      });
    const storedVersions = async () =>
      (
        await callJson(
          `${started.base}/models/default/credit-scoring-pd/versions`,
          {
            auth: dana,
          },
        )
      ).body.totalItems;

    beforeAll(async () => {
      started = await startModelHubMockBackend({
        databases,
        databaseId,
        entities: [modelEntity('credit-scoring-pd')],
      });
      actionsUrl = `${started.base}/.backstage/actions/v1/actions`;
    });
    afterAll(() => started.backend.stop());

    it('lists the contract rules as the input schema', async () => {
      const { body } = await callJson(actionsUrl, { auth: dana });
      const publishAction = body.actions.find(
        (a: any) => a.name === 'publish-model-version',
      );
      const contract = loadOpenApiSpec().components.schemas;
      expect(publishAction.schema.input.properties.version.pattern).toBe(
        contract.VersionString.pattern,
      );
      expect(publishAction.schema.input.additionalProperties).toBe(false);
    });

    const malformed: Array<[string, Record<string, unknown>, RegExp]> = [
      [
        'a version with a space',
        { version: '1.0 beta' },
        /version: must match/,
      ],
      ['a version with a slash', { version: '1.0/2' }, /version: must match/],
      [
        'an oversize version',
        { version: `1.${'0'.repeat(200)}` },
        /version: must match/,
      ],
      [
        'an oversize artifactUri',
        { artifactUri: `s3://${'x'.repeat(3000)}` },
        /artifactUri: must have at most 2048 characters/,
      ],
      [
        'a signature that is not an object',
        { signature: 'income:double' },
        /signature: must be an object/,
      ],
      [
        'signature inputs that are not a list',
        { signature: { inputs: 'income' } },
        /signature\.inputs: must be a list/,
      ],
      [
        'a reference profile with an unknown part',
        { referenceProfile: { sample: [{ income: 1 }] } },
        /referenceProfile: unknown property/,
      ],
      [
        'an empty reference profile',
        { referenceProfile: {} },
        /referenceProfile: must have at least 1 properties/,
      ],
      [
        'empty reference rows',
        { referenceProfile: { rows: [] } },
        /referenceProfile\.rows: must have at least 1 items/,
      ],
      [
        'a reference profile without a version',
        { referenceProfile: { profile: { columns: { a: {} } } } },
        /referenceProfile\.profile\.version: is required/,
      ],
      [
        'claimed derived evidence',
        { evidence: { modelCard: 'https://wiki.example.com' } },
        /evidence\.modelCard: not one of/,
      ],
      [
        'an unknown drift method',
        { driftSettings: { methods: { income: 'magic' } } },
        /driftSettings\.methods\.\*: must be one of ks, /,
      ],
      [
        'an unknown field',
        // The action names the person with onBehalfOf, as REST does; a field
        // the contract does not have is refused.
        { approvedBy: 'user:default/anna' },
        /unknown property approvedBy; allowed: model, version,/,
      ],
    ];

    it.each(malformed)(
      'refuses %s, naming the field, and stores nothing',
      async (_what, input, message) => {
        const refused = await publish(input);
        expect(refused.status).toBe(400);
        expect(refused.body.error.name).toBe('InputError');
        expect(refused.body.error.message).toMatch(message);
        expect(await storedVersions()).toBe(0);
      },
    );

    it('publishes the same input when well formed', async () => {
      const published = await publish({
        signature: { inputs: [{ name: 'income', type: 'double' }] },
        driftSettings: { methods: { income: 'psi' } },
      });
      expect(published.status).toBe(200);
      expect(published.body.output.version).toBe('1.0.0');
    });

    it('refuses malformed drift windows as the REST API does', async () => {
      const submit = (input: Record<string, unknown>) =>
        invoke('submit-drift-window', {
          model,
          version: '2.0.0',
          environment: 'production',
          rows: incomeRows(50, 0),
          ...input,
        });
      expect((await publish({ version: '2.0.0' })).status).toBe(200);
      const cases: Array<[Record<string, unknown>, RegExp]> = [
        [{ version: '1.0.0/../2' }, /version: must match/],
        [{ environment: 'Production!' }, /environment: must match/],
        [{ windowEnd: 'yesterday' }, /windowEnd: must be a date-time/],
        [{ rows: [] }, /rows: must have at least 1 items/],
        [{ thresholds: { income: 'low' } }, /thresholds\.\*: must be a number/],
      ];
      for (const [input, message] of cases) {
        const refused = await submit(input);
        expect({ input, status: refused.status }).toEqual({
          input,
          status: 400,
        });
        expect(JSON.stringify(refused.body.error)).toMatch(message);
      }
      const reports = await callJson(
        `${started.base}/models/default/credit-scoring-pd/drift-reports`,
        { auth: dana },
      );
      expect(reports.body.totalItems).toBe(0);
      expect((await submit({})).status).toBe(200);
    });
  },
);
