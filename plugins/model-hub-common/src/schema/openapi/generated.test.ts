import openapiTS, { astToString, COMMENT_HEADER } from 'openapi-typescript';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

/*
 * Drift check: generated/types.ts must be exactly what `yarn generate:client`
 * makes of the backend's contract today (openapi-typescript, then prettier).
 */
const contract = path.resolve(
  __dirname,
  '../../../../model-hub-backend/src/schema/openapi.yaml',
);
const generated = path.resolve(__dirname, 'generated/types.ts');

function firstDifference(actual: string, expected: string) {
  const a = actual.split('\n');
  const e = expected.split('\n');
  const line = a.findIndex((text, i) => text !== e[i]);
  const at = line === -1 ? a.length : line;
  return `line ${at + 1}: committed ${JSON.stringify(
    a[at],
  )}, generated ${JSON.stringify(e[at])}`;
}

describe('generated OpenAPI types', () => {
  it('match the backend contract (run `yarn generate:client` in plugins/model-hub-common after editing openapi.yaml)', async () => {
    const output =
      COMMENT_HEADER +
      astToString(await openapiTS(pathToFileURL(contract), { silent: true }));
    const expected = execFileSync(
      'yarn',
      ['run', '-T', 'prettier', '--stdin-filepath', generated],
      { input: output, encoding: 'utf8', cwd: path.dirname(generated) },
    );
    const committed = fs.readFileSync(generated, 'utf8');
    const outOfDate =
      committed === expected
        ? undefined
        : `src/schema/openapi/generated/types.ts is out of date with ${path.relative(
            process.cwd(),
            contract,
          )} (${firstDifference(
            committed,
            expected,
          )}); run \`yarn generate:client\` in plugins/model-hub-common`;
    expect(outOfDate).toBeUndefined();
  }, 60_000);
});
