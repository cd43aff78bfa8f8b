/**
 * Test fixtures shared by Model Hub's packages: models covering the
 * readiness rule, for tests that check a copy of it (such as the model
 * index's SQL) against `readinessFor`.
 *
 * @packageDocumentation
 */

export * from './readinessFixtures';
