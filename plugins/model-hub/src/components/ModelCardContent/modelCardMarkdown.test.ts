import { modelCardMarkdown } from './modelCardMarkdown';
import {
  creditScoringPd,
  creditScoringPdChallenger,
  latestVersion,
  overview,
} from './__fixtures__/models';

/** The lines of one `## ` section, without its heading. */
function sectionOf(markdown: string, title: string): string {
  const start = markdown.indexOf(`\n## ${title}\n`);
  expect(start).toBeGreaterThanOrEqual(0);
  const rest = markdown.slice(start + title.length + 5);
  const end = rest.indexOf('\n## ');
  return end === -1 ? rest : rest.slice(0, end);
}

describe('modelCardMarkdown', () => {
  it('renders every section of a documented model with its metrics by slice', () => {
    const markdown = modelCardMarkdown(creditScoringPd, latestVersion, {
      overview,
    });

    expect(markdown).toMatch(
      /^# Model card: Consumer credit probability of default\n/,
    );
    expect(markdown).toContain('Entity: `model:default/credit-scoring-pd`');
    const headings = markdown
      .split('\n')
      .filter(line => line.startsWith('## '));
    expect(headings).toEqual([
      '## Model details',
      '## Latest version',
      '## Intended use',
      '## Out-of-scope uses',
      '## Limitations',
      '## Trade-offs',
      '## Ethical considerations',
      '## Training and evaluation data',
      '## Metrics by slice',
      '## Serving',
    ]);

    const details = sectionOf(markdown, 'Model details');
    expect(details).toContain(
      '| Owner | group:default/credit-risk-analytics |',
    );
    expect(details).toContain('| Framework | xgboost 2.0 |');
    expect(details).toContain('| Format | mlflow-pyfunc 2.12 |');
    expect(details).toContain('| License | proprietary |');
    expect(details).toContain('| Risk level | High (EU AI Act: high) |');
    expect(details).toContain('| Base model | Not documented |');

    const version = sectionOf(markdown, 'Latest version');
    expect(version).toContain('- Version: 3.2.0');
    expect(version).toContain(
      '- Published by user:default/dana.kowalski at 2026-11-20 10:00 UTC',
    );
    expect(version).toContain('Aliases: champion → 3.2.0');
    expect(version).toContain(
      'Deployments: production: 3.1.0 (since 2026-08-02 06:30 UTC)',
    );

    expect(sectionOf(markdown, 'Intended use')).toContain(
      '- Input to the credit decision together with affordability rules',
    );
    expect(sectionOf(markdown, 'Intended use')).toContain('- Credit officers');
    expect(sectionOf(markdown, 'Out-of-scope uses')).toContain(
      '- Fully automated rejection without human review (GDPR Art. 22)',
    );
    expect(sectionOf(markdown, 'Limitations')).toContain(
      '- Thin-file applicants (< 6 months bureau history) are under-represented',
    );
    expect(sectionOf(markdown, 'Ethical considerations')).toContain(
      '- **Right to explanation**. Mitigation: Reason codes are shown to the credit officer and in the decision letter',
    );
    const data = sectionOf(markdown, 'Training and evaluation data');
    expect(data).toContain(
      '| resource:default/loan-performance-holdout | validation | yes (personal or sensitive data) |  |',
    );

    // Metrics grouped by metric, overall first, then the slices.
    const metrics = sectionOf(markdown, 'Metrics by slice')
      .split('\n')
      .filter(line => line.startsWith('| '));
    expect(metrics.slice(0, 7)).toEqual([
      '| Metric | Slice | Dataset | Value |',
      '| --- | --- | --- | --- |',
      '| auc | overall | resource:default/loan-performance-holdout | 0.81 |',
      '| auc | applicant age < 25 | resource:default/loan-performance-holdout | 0.74 |',
      '| auc | thin file | resource:default/loan-performance-holdout | 0.77 |',
      '| gini | overall | resource:default/loan-performance-holdout | 0.62 |',
      '| brier-score | overall | resource:default/loan-performance-holdout | 0.061 |',
    ]);
    // ...and the metrics published with the latest version.
    expect(sectionOf(markdown, 'Metrics by slice')).toContain(
      '### Published with version 3.2.0',
    );
    expect(metrics).toContain(
      '| auc | applicant age < 25 | resource:default/loan-performance-holdout | 0.741 |',
    );

    const serving = sectionOf(markdown, 'Serving');
    expect(serving).toContain('- Mode: online');
    expect(serving).toContain(
      '- Endpoint: https://models.example.com/credit-scoring-pd/invocations',
    );
    expect(serving).toContain('- Provides API: api:default/credit-score-api');
    expect(serving).toContain('- Rollout: full, 100% of traffic');
    expect(serving).toContain(
      '- Fallback model: model:default/credit-scorecard-logit',
    );
  });

  it('says "Not documented" for every part the entity leaves out', () => {
    const markdown = modelCardMarkdown(creditScoringPdChallenger);

    for (const title of [
      'Limitations',
      'Trade-offs',
      'Ethical considerations',
    ]) {
      expect(sectionOf(markdown, title).trim()).toBe('Not documented');
    }
    expect(sectionOf(markdown, 'Intended use')).toMatch(
      /### Intended users\n\nNot documented/,
    );
    expect(sectionOf(markdown, 'Model details')).toContain(
      '| Architecture | Not documented |',
    );
    expect(sectionOf(markdown, 'Serving')).toContain(
      '- Endpoint: Not documented',
    );
    expect(sectionOf(markdown, 'Serving')).toContain(
      '- Fallback model: model:default/credit-scoring-pd',
    );
    expect(sectionOf(markdown, 'Latest version').trim()).toBe(
      'No version published yet.',
    );
  });

  it('says why the latest version is missing when the backend failed', () => {
    const markdown = modelCardMarkdown(creditScoringPd, undefined, {
      backendError: 'Request failed with 503 Service Unavailable',
    });
    expect(sectionOf(markdown, 'Latest version').trim()).toBe(
      'Not available: Model Hub could not be read (Request failed with 503 Service Unavailable).',
    );
  });

  it('keeps tables and lists intact whatever the entity text contains', () => {
    const markdown = modelCardMarkdown({
      ...creditScoringPd,
      spec: {
        ...creditScoringPd.spec,
        limitations: ['Two\nlines <script>alert(1)</script>'],
        metrics: [{ name: 'recall|precision', value: 0.5, slice: 'a | b' }],
      },
    });
    expect(sectionOf(markdown, 'Limitations')).toContain(
      '- Two lines \\<script>alert(1)\\</script>',
    );
    expect(sectionOf(markdown, 'Metrics by slice')).toContain(
      '| recall\\|precision | a \\| b | Not documented | 0.5 |',
    );
  });
});
