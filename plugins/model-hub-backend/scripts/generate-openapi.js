#!/usr/bin/env node
/*
 * Turns src/schema/openapi.yaml (the contract, edited by hand) into
 * src/schema/openapi.generated.ts, which the router validates requests with.
 * A test fails when the two disagree, so run this after editing the YAML.
 *
 * This is the spec-embedding step of repo-tools' server generation
 * (`backstage-repo-tools package schema openapi generate --server`), which
 * cannot run here because it needs the openapi-generator Java jar from Maven
 * Central. `backstage-repo-tools repo schema openapi validate` accepts the
 * result. The typed client is generated in model-hub-common
 * (`yarn generate:client` there).
 */
const fs = require('fs');
const path = require('path');
const yaml = require('yaml');

const dir = path.resolve(__dirname, '../src/schema');
const spec = yaml.parse(
  fs.readFileSync(path.join(dir, 'openapi.yaml'), 'utf8'),
);
const out = `// Generated from openapi.yaml by \`yarn generate:openapi\`; do not edit.
/* eslint-disable */
export const spec = ${JSON.stringify(spec, null, 2)} as const;
`;
fs.writeFileSync(path.join(dir, 'openapi.generated.ts'), out);
console.log('wrote src/schema/openapi.generated.ts');
