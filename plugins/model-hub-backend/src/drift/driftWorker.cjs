/*
 * The drift worker threads' entry when Model Hub runs from its TypeScript
 * sources (tests, the dev backend): a worker thread starts without the
 * TypeScript transform of its parent, so it registers Backstage's first.
 * The built package runs dist/drift/driftWorker.cjs.js instead (see
 * DriftWorkerPool.ts).
 */
// eslint-disable-next-line @backstage/no-undeclared-imports -- a devDependency: only sources use this file
require('@backstage/cli/config/nodeTransform.cjs');
module.exports = require('./driftWorker.ts');
