/**
 * Turns a Model Hub check id into a Tech Insights fact name: the id's words
 * (split at every character that is not a letter or digit) in lowerCamelCase,
 * e.g. `model-owner-team-size` → `modelOwnerTeamSize`,
 * `acme.model-has-runbook` → `acmeModelHasRunbook`. A name that would start
 * with a digit gets the prefix `check`. The result always matches
 * `^[a-z][a-zA-Z0-9]*$`: a plain identifier, which json-rules-engine
 * conditions, path lookups and app-config values take as it is (dots and
 * dashes would read as paths or need quoting), and the style of Tech
 * Insights' own fact names (`hasGroupOwner`, `hasAnnotationBackstageIoTechdocsRef`).
 *
 * Deterministic: the same id always gives the same name, across runs and
 * backends.
 *
 * @public
 */
export function checkIdToFactName(checkId: string): string {
  const words = checkId.split(/[^A-Za-z0-9]+/).filter(Boolean);
  if (words.length === 0) {
    throw new Error(
      `Check id "${checkId}" has no letters or digits to name a fact after`,
    );
  }
  const name = words
    .map((word, i) =>
      i === 0
        ? word.charAt(0).toLocaleLowerCase('en-US') + word.slice(1)
        : word.charAt(0).toLocaleUpperCase('en-US') + word.slice(1),
    )
    .join('');
  return /^[0-9]/.test(name) ? `check${name}` : name;
}

/**
 * Model Hub's own golden-path checks (those of the Model Hub backend plugin,
 * `source: model-hub` in `GET /api/model-hub/golden-paths/checks`): each is
 * one boolean fact of the retriever's schema. The module's backend test
 * fails when the Model Hub backend lists a check that is missing here.
 *
 * @public
 */
export const MODEL_HUB_GOLDEN_PATH_CHECKS: ReadonlyArray<{
  id: string;
  title: string;
  appliesTo: 'model' | 'service';
}> = [
  {
    id: 'model-owner-team-size',
    title: 'The owning team has at least two members',
    appliesTo: 'model',
  },
  {
    id: 'model-card-complete',
    title: 'The model card is complete for the risk level',
    appliesTo: 'model',
  },
  {
    id: 'model-risk-assessment-current',
    title: 'The risk assessment is present and reviewed within its cadence',
    appliesTo: 'model',
  },
  {
    id: 'model-high-risk-fallback',
    title: 'High and Severe models have a fallback model',
    appliesTo: 'model',
  },
  {
    id: 'model-high-risk-drift-monitoring',
    title: 'High and Severe models have active drift monitoring',
    appliesTo: 'model',
  },
  {
    id: 'model-approved-version',
    title: 'An approved version exists',
    appliesTo: 'model',
  },
  {
    id: 'model-unacceptable-retired',
    title: 'An unacceptable-risk model is retired',
    appliesTo: 'model',
  },
  {
    id: 'service-pinned-approved',
    title: 'Every model is pinned to an approved version',
    appliesTo: 'service',
  },
  {
    id: 'service-no-deprecated-models',
    title: 'No deprecated or retired model',
    appliesTo: 'service',
  },
  {
    id: 'service-drift-hook',
    title: 'The drift-profile hook is configured',
    appliesTo: 'service',
  },
  {
    id: 'service-fallback-wired',
    title: 'The fallback is wired where the model requires one',
    appliesTo: 'service',
  },
];

/**
 * Names of the facts that summarise a scorecard, next to the one boolean per
 * check.
 *
 * @public
 */
export const MODEL_HUB_SUMMARY_FACTS = {
  passRate: 'modelHubPassRate',
  failedChecks: 'modelHubFailedChecks',
  failingCheckIds: 'modelHubFailingCheckIds',
  evaluatedAt: 'modelHubEvaluatedAt',
} as const;
