#!/usr/bin/env node
/*
 * Prints one closing line over all test runners: "tests: N passed, N failed, N skipped".
 * Jest and Playwright each print their own summary above; this line adds them up.
 */
const fs = require('fs');
const path = require('path');

const dir = process.argv[2];
const totals = { passed: 0, failed: 0, skipped: 0 };

function read(file) {
  const full = path.join(dir, file);
  return fs.existsSync(full) ? JSON.parse(fs.readFileSync(full, 'utf8')) : undefined;
}

const jest = read('jest.json');
if (jest) {
  totals.passed += jest.numPassedTests;
  totals.failed += jest.numFailedTests + (jest.numRuntimeErrorTestSuites ?? 0);
  totals.skipped += jest.numPendingTests + jest.numTodoTests;
  console.log(
    `jest: ${jest.numPassedTests} passed, ${jest.numFailedTests} failed, ${jest.numPendingTests} skipped (${jest.numTotalTestSuites} suites, ${jest.numRuntimeErrorTestSuites} suites failed to run)`,
  );
}

const e2e = read('e2e.json');
if (e2e) {
  const s = e2e.stats;
  totals.passed += s.expected + s.flaky;
  totals.failed += s.unexpected;
  totals.skipped += s.skipped;
  console.log(
    `playwright: ${s.expected + s.flaky} passed, ${s.unexpected} failed, ${s.skipped} skipped`,
  );
}

if (!jest && !e2e) {
  console.log('tests: 0 passed, 1 failed (no test report was written)');
  process.exit(1);
}
console.log(`tests: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(totals.failed > 0 ? 1 : 0);
