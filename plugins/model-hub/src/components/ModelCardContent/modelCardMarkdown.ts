import { stringifyEntityRef } from '@backstage/catalog-model';
import type { ModelEntity } from '@model-hub/backstage-plugin-model-hub-common';
import type { ModelOverview, ModelVersion } from '../../api/ModelHubApi';
import {
  documented,
  formatNamedVersion,
  formatTimestamp,
  fullModelRef,
  modelCardMetricRows,
  modelRiskLevel,
  NOT_DOCUMENTED,
  REF_KINDS,
} from './modelCard';

/** What the backend adds to the model card, besides the latest version. */
export type ModelCardMarkdownOptions = {
  /** Aliases and deployments of the model. */
  overview?: ModelOverview;
  /**
   * Why the latest version, aliases and deployments are missing (e.g. the
   * backend's error message), so the document says so instead of "none".
   */
  backendError?: string;
};

/** Text on one line: Markdown lists and tables break on newlines. */
function inline(text: string): string {
  return (
    text
      .replace(/\s+/g, ' ')
      .trim()
      // Keep raw HTML from the entity from being rendered as HTML.
      .replace(/<(?=[A-Za-z/!?])/g, '\\<')
  );
}

function cell(text: string): string {
  return inline(text).replace(/\|/g, '\\|');
}

function list(values: string[] | undefined): string[] {
  const items = documented(values);
  return items.length
    ? items.map(item => `- ${inline(item)}`)
    : [NOT_DOCUMENTED];
}

function table(header: string[], rows: string[][]): string[] {
  return [
    `| ${header.join(' | ')} |`,
    `| ${header.map(() => '---').join(' | ')} |`,
    ...rows.map(row => `| ${row.map(cell).join(' | ')} |`),
  ];
}

function orNotDocumented(value: string | undefined): string {
  return value?.trim() ? value : NOT_DOCUMENTED;
}

/**
 * The model card of a Model entity as a Markdown document: the same content
 * as the model card on the entity page, for reviews and audits outside
 * Backstage. Parts the entity leaves out read "Not documented".
 *
 * @param entity - the Model entity.
 * @param latestVersion - the newest published version, if any.
 */
export function modelCardMarkdown(
  entity: ModelEntity,
  latestVersion?: ModelVersion,
  options: ModelCardMarkdownOptions = {},
): string {
  const spec = entity.spec ?? ({} as Partial<ModelEntity['spec']>);
  const ref = (value: string | undefined, kind: string) =>
    value ? fullModelRef(entity, value, kind) : undefined;
  const lines: string[] = [];
  const section = (title: string, body: string[]) =>
    lines.push('', `## ${title}`, '', ...body);

  lines.push(
    `# Model card: ${inline(entity.metadata.title ?? entity.metadata.name)}`,
    '',
    `Entity: \`${stringifyEntityRef(entity)}\``,
    '',
    entity.metadata.description
      ? inline(entity.metadata.description)
      : `Description: ${NOT_DOCUMENTED}`,
  );

  const riskLevel = modelRiskLevel(entity);
  section(
    'Model details',
    table(
      ['Field', 'Value'],
      [
        ['Owner', orNotDocumented(ref(spec.owner, REF_KINDS.owner))],
        ['System', orNotDocumented(ref(spec.system, REF_KINDS.system))],
        ['Type', orNotDocumented(spec.type)],
        ['Lifecycle', orNotDocumented(spec.lifecycle)],
        ['Version (catalog)', orNotDocumented(spec.version)],
        ['Framework', orNotDocumented(formatNamedVersion(spec.framework))],
        ['Format', orNotDocumented(formatNamedVersion(spec.format))],
        ['Architecture', orNotDocumented(spec.architecture)],
        ['Base model', orNotDocumented(spec.baseModel)],
        ['License', orNotDocumented(spec.license)],
        ['Input format', orNotDocumented(spec.inputFormat)],
        ['Output format', orNotDocumented(spec.outputFormat)],
        [
          'Risk level',
          riskLevel
            ? `${riskLevel} (EU AI Act: ${
                spec.risk?.regulatoryCategory ?? NOT_DOCUMENTED
              })`
            : NOT_DOCUMENTED,
        ],
      ],
    ),
  );

  const versionLines: string[] = [];
  if (latestVersion) {
    versionLines.push(
      `- Version: ${inline(latestVersion.version)}`,
      `- Published by ${inline(
        fullModelRef(entity, latestVersion.publishedBy, REF_KINDS.user),
      )} at ${formatTimestamp(latestVersion.publishedAt)}`,
      `- Artifact: ${inline(latestVersion.artifactUri)}`,
    );
    if (latestVersion.trainingRunUrl) {
      versionLines.push(
        `- Training run: ${inline(latestVersion.trainingRunUrl)}`,
      );
    }
    if (latestVersion.deprecation) {
      versionLines.push(
        `- Deprecated at ${formatTimestamp(
          latestVersion.deprecation.at,
        )} by ${inline(latestVersion.deprecation.by)}: ${inline(
          latestVersion.deprecation.reason,
        )}`,
      );
    }
  } else if (options.backendError) {
    versionLines.push(
      `Not available: Model Hub could not be read (${inline(
        options.backendError,
      )}).`,
    );
  } else {
    versionLines.push('No version published yet.');
  }
  if (options.overview) {
    const { aliases, deployments } = options.overview;
    versionLines.push(
      '',
      `Aliases: ${
        aliases.length
          ? aliases
              .map(a => `${inline(a.alias)} → ${inline(a.version)}`)
              .join(', ')
          : 'none'
      }`,
      '',
      `Deployments: ${
        deployments.length
          ? deployments
              .map(
                d =>
                  `${inline(d.environment)}: ${inline(
                    d.version,
                  )} (since ${formatTimestamp(d.deployedAt)})`,
              )
              .join(', ')
          : 'none'
      }`,
    );
  }
  section('Latest version', versionLines);

  section('Intended use', [
    '### Use cases',
    '',
    ...list(spec.intendedUse?.useCases),
    '',
    '### Intended users',
    '',
    ...list(spec.intendedUse?.users),
  ]);
  section('Out-of-scope uses', list(spec.outOfScopeUses));
  section('Limitations', list(spec.limitations));
  section('Trade-offs', list(spec.tradeoffs));

  const ethical = (spec.ethicalConsiderations ?? []).filter(e => e?.name);
  section(
    'Ethical considerations',
    ethical.length
      ? ethical.map(
          e =>
            `- **${inline(e.name)}**. Mitigation: ${inline(
              orNotDocumented(e.mitigation),
            )}`,
        )
      : [NOT_DOCUMENTED],
  );

  const data = (spec.trainingData ?? []).filter(d => d?.dataset);
  section(
    'Training and evaluation data',
    data.length
      ? table(
          ['Dataset', 'Role', 'Sensitive', 'Description'],
          data.map(d => [
            fullModelRef(entity, d.dataset, REF_KINDS.dataset),
            d.role ?? NOT_DOCUMENTED,
            d.sensitive ? 'yes (personal or sensitive data)' : 'no',
            d.description ?? '',
          ]),
        )
      : [NOT_DOCUMENTED],
  );

  const metrics = modelCardMetricRows(entity);
  const metricsBody = metrics.length
    ? table(
        ['Metric', 'Slice', 'Dataset', 'Value'],
        metrics.map(m => [
          m.metric,
          m.slice,
          m.dataset ?? NOT_DOCUMENTED,
          String(m.value),
        ]),
      )
    : [NOT_DOCUMENTED];
  if (latestVersion?.metrics.length) {
    metricsBody.push(
      '',
      `### Published with version ${inline(latestVersion.version)}`,
      '',
      ...table(
        ['Metric', 'Slice', 'Dataset', 'Value'],
        modelCardMetricRows(entity, latestVersion.metrics).map(m => [
          m.metric,
          m.slice,
          m.dataset ?? NOT_DOCUMENTED,
          String(m.value),
        ]),
      ),
    );
  }
  section('Metrics by slice', metricsBody);

  const serving = spec.serving;
  const rollout = serving?.rollout;
  section('Serving', [
    `- Mode: ${orNotDocumented(serving?.mode)}`,
    `- Endpoint: ${inline(orNotDocumented(serving?.endpoint))}`,
    `- Provides API: ${orNotDocumented(
      ref(serving?.providesApi, REF_KINDS.api),
    )}`,
    `- Registry alias: ${inline(orNotDocumented(serving?.alias))}`,
    `- Rollout: ${
      rollout
        ? `${rollout.strategy}${
            rollout.trafficPercent !== undefined
              ? `, ${rollout.trafficPercent}% of traffic`
              : ''
          }`
        : NOT_DOCUMENTED
    }`,
    `- Fallback model: ${orNotDocumented(
      ref(spec.fallbackModel, REF_KINDS.model),
    )}`,
  ]);

  return `${lines.join('\n')}\n`;
}
