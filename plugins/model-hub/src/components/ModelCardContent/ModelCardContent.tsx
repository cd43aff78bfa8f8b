import { ReactNode } from 'react';
import {
  EmptyState,
  InfoCard,
  Progress,
  StructuredMetadataTable,
  Table,
  TableColumn,
  WarningPanel,
} from '@backstage/core-components';
import { getCompoundEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/frontend-plugin-api';
import { EntityRefLink, useEntity } from '@backstage/plugin-catalog-react';
import {
  isModelEntity,
  type ModelEntity,
} from '@model-hub/backstage-plugin-model-hub-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import useAsync from 'react-use/esm/useAsync';
import {
  ModelOverview,
  ModelVersion,
  modelHubApiRef,
} from '../../api/ModelHubApi';
import { errorMessage } from '../errorMessage';
import { RiskLevelChip } from '../StatusChips';
import { WebLink } from '../WebLink';
import {
  documented,
  formatNamedVersion,
  formatTimestamp,
  modelCardMetricRows,
  ModelCardMetricRow,
  modelRiskLevel,
  NOT_DOCUMENTED,
  parseModelRef,
  REF_KINDS,
} from './modelCard';
import { modelCardMarkdown } from './modelCardMarkdown';

function NotDocumented() {
  return (
    <Typography
      variant="body2"
      color="textSecondary"
      component="span"
      style={{ fontStyle: 'italic' }}
    >
      {NOT_DOCUMENTED}
    </Typography>
  );
}

function Section(props: { title: string; children: ReactNode }) {
  return (
    <Box mb={2}>
      <Typography variant="h6" component="h3" gutterBottom>
        {props.title}
      </Typography>
      {props.children}
    </Box>
  );
}

function TextList(props: { items: string[] | undefined }) {
  const items = documented(props.items);
  if (!items.length) return <NotDocumented />;
  return (
    <ul style={{ marginTop: 0 }}>
      {items.map((item, index) => (
        <li key={index}>
          <Typography variant="body2">{item}</Typography>
        </li>
      ))}
    </ul>
  );
}

/** A reference from the model's spec as a link, or as written if malformed. */
function RefLink(props: {
  entity: ModelEntity;
  entityRef: string | undefined;
  kind: string;
}) {
  if (!props.entityRef) return <NotDocumented />;
  const parsed = parseModelRef(props.entity, props.entityRef, props.kind);
  return parsed ? (
    <EntityRefLink entityRef={parsed} />
  ) : (
    <span>{props.entityRef}</span>
  );
}

function orNotDocumented(value: string | undefined): ReactNode {
  return value?.trim() ? value : <NotDocumented />;
}

function downloadText(filename: string, text: string, type: string) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const anchor = document.createElement('a');
  anchor.href = url;
  anchor.download = filename;
  anchor.style.display = 'none';
  document.body.appendChild(anchor);
  anchor.click();
  anchor.remove();
  // Some browsers start the download after click() returns.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

function metricColumns(entity: ModelEntity): TableColumn<ModelCardMetricRow>[] {
  return [
    { title: 'Metric', field: 'metric' },
    { title: 'Slice', field: 'slice' },
    {
      title: 'Dataset',
      field: 'dataset',
      render: row => (
        <RefLink
          entity={entity}
          entityRef={row.dataset}
          kind={REF_KINDS.dataset}
        />
      ),
    },
    { title: 'Value', field: 'value', type: 'numeric' },
  ];
}

function MetricsTable(props: {
  entity: ModelEntity;
  rows: ModelCardMetricRow[];
  title?: string;
}) {
  if (!props.rows.length) return <NotDocumented />;
  return (
    <Table<ModelCardMetricRow>
      title={props.title}
      options={{
        paging: false,
        search: false,
        padding: 'dense',
        toolbar: Boolean(props.title),
        sorting: false,
      }}
      columns={metricColumns(props.entity)}
      data={props.rows}
    />
  );
}

function LatestVersion(props: {
  entity: ModelEntity;
  loading: boolean;
  version: ModelVersion | undefined;
  overview: ModelOverview | undefined;
  unavailable: boolean;
}) {
  const { entity, version, overview } = props;
  if (props.loading) return <Progress />;
  let versionPart: ReactNode;
  if (version) {
    versionPart = (
      <StructuredMetadataTable
        options={{ titleFormat: key => key }}
        metadata={{
          Version: version.version,
          'Published by': (
            <RefLink
              entity={entity}
              entityRef={version.publishedBy}
              kind={REF_KINDS.user}
            />
          ),
          'Published at': formatTimestamp(version.publishedAt),
          Artifact: version.artifactUri,
          ...(version.trainingRunUrl && {
            'Training run': <WebLink url={version.trainingRunUrl} />,
          }),
          ...(version.deprecation && {
            Deprecated: `${formatTimestamp(version.deprecation.at)} by ${
              version.deprecation.by
            }: ${version.deprecation.reason}`,
          }),
        }}
      />
    );
  } else if (props.unavailable) {
    versionPart = (
      <Typography variant="body2" color="textSecondary">
        Not available (see the warning above).
      </Typography>
    );
  } else {
    versionPart = (
      <Typography variant="body2">
        No version published yet: publish one with the model-hub CLI or the API.
      </Typography>
    );
  }
  return (
    <>
      {versionPart}
      {overview && (
        <Box mt={1}>
          <Typography variant="body2">
            Aliases:{' '}
            {overview.aliases.length
              ? overview.aliases
                  .map(a => `${a.alias} → ${a.version}`)
                  .join(', ')
              : 'none'}
          </Typography>
          <Typography variant="body2">
            Deployments:{' '}
            {overview.deployments.length
              ? overview.deployments
                  .map(
                    d =>
                      `${d.environment}: ${d.version} (since ${formatTimestamp(
                        d.deployedAt,
                      )})`,
                  )
                  .join(', ')
              : 'none'}
          </Typography>
        </Box>
      )}
    </>
  );
}

function ModelCard(props: { entity: ModelEntity }) {
  const { entity } = props;
  const spec = entity.spec ?? ({} as Partial<ModelEntity['spec']>);
  const api = useApi(modelHubApiRef);
  const { namespace, name } = getCompoundEntityRef(entity);
  const versions = useAsync(
    () => api.listVersions({ namespace, name }, { limit: 1 }),
    [api, namespace, name],
  );
  const overview = useAsync(
    () => api.getOverview({ namespace, name }),
    [api, namespace, name],
  );
  const latestVersion = versions.value?.items[0];
  const errors = [versions.error, overview.error].filter((e): e is Error =>
    Boolean(e),
  );
  const backendError = errors.length
    ? [...new Set(errors.map(errorMessage))].join('; ')
    : undefined;

  const download = () =>
    downloadText(
      `${name}-model-card.md`,
      modelCardMarkdown(entity, latestVersion, {
        overview: overview.value,
        backendError,
      }),
      'text/markdown;charset=utf-8',
    );

  const riskLevel = modelRiskLevel(entity);
  const serving = spec.serving;
  const rollout = serving?.rollout;
  const ethical = (spec.ethicalConsiderations ?? []).filter(e => e?.name);
  const data = (spec.trainingData ?? []).filter(d => d?.dataset);
  const versionMetrics = latestVersion?.metrics.length
    ? modelCardMetricRows(entity, latestVersion.metrics)
    : [];

  return (
    <InfoCard
      title="Model card"
      subheader={
        entity.metadata.description ?? `Description: ${NOT_DOCUMENTED}`
      }
      action={
        <Button
          variant="outlined"
          color="primary"
          onClick={download}
          disabled={versions.loading || overview.loading}
          style={{ marginTop: 8, marginRight: 8 }}
        >
          Download model card (Markdown)
        </Button>
      }
    >
      {backendError && (
        <Box mb={2}>
          <WarningPanel
            severity="warning"
            defaultExpanded
            title="Model Hub could not be read: the latest version, aliases and deployments are missing"
            message={backendError}
          />
        </Box>
      )}
      <Grid container spacing={3}>
        <Grid item xs={12} md={6}>
          <Section title="Model details">
            <StructuredMetadataTable
              options={{ titleFormat: key => key }}
              metadata={{
                Owner: (
                  <RefLink
                    entity={entity}
                    entityRef={spec.owner}
                    kind={REF_KINDS.owner}
                  />
                ),
                Framework: orNotDocumented(formatNamedVersion(spec.framework)),
                Format: orNotDocumented(formatNamedVersion(spec.format)),
                Architecture: orNotDocumented(spec.architecture),
                ...(spec.baseModel && { 'Base model': spec.baseModel }),
                License: orNotDocumented(spec.license),
                'Input format': orNotDocumented(spec.inputFormat),
                'Output format': orNotDocumented(spec.outputFormat),
                'Version (catalog)': orNotDocumented(spec.version),
                'Risk level': riskLevel ? (
                  <span>
                    <RiskLevelChip level={riskLevel} /> · EU AI Act:{' '}
                    {spec.risk?.regulatoryCategory ?? NOT_DOCUMENTED}
                  </span>
                ) : (
                  <NotDocumented />
                ),
              }}
            />
          </Section>
        </Grid>
        <Grid item xs={12} md={6}>
          <Section title="Latest version">
            <LatestVersion
              entity={entity}
              loading={versions.loading || overview.loading}
              version={latestVersion}
              overview={overview.value}
              unavailable={Boolean(versions.error)}
            />
          </Section>
        </Grid>
        <Grid item xs={12} md={6}>
          <Section title="Intended use">
            <Typography variant="subtitle2" component="h4">
              Use cases
            </Typography>
            <TextList items={spec.intendedUse?.useCases} />
            <Typography variant="subtitle2" component="h4">
              Intended users
            </Typography>
            <TextList items={spec.intendedUse?.users} />
          </Section>
          <Section title="Out-of-scope uses">
            <TextList items={spec.outOfScopeUses} />
          </Section>
        </Grid>
        <Grid item xs={12} md={6}>
          <Section title="Limitations">
            <TextList items={spec.limitations} />
          </Section>
          <Section title="Trade-offs">
            <TextList items={spec.tradeoffs} />
          </Section>
        </Grid>
        <Grid item xs={12} md={6}>
          <Section title="Ethical considerations">
            {ethical.length ? (
              <ul style={{ marginTop: 0 }}>
                {ethical.map((e, index) => (
                  <li key={index}>
                    <Typography variant="body2">
                      <strong>{e.name}</strong>
                    </Typography>
                    <Typography variant="body2">
                      Mitigation: {orNotDocumented(e.mitigation)}
                    </Typography>
                  </li>
                ))}
              </ul>
            ) : (
              <NotDocumented />
            )}
          </Section>
        </Grid>
        <Grid item xs={12} md={6}>
          <Section title="Training and evaluation data">
            {data.length ? (
              <ul style={{ marginTop: 0 }}>
                {data.map((d, index) => (
                  <li key={index}>
                    <Typography variant="body2">
                      <RefLink
                        entity={entity}
                        entityRef={d.dataset}
                        kind={REF_KINDS.dataset}
                      />{' '}
                      · role: {d.role ?? NOT_DOCUMENTED} ·{' '}
                      {d.sensitive
                        ? 'sensitive (personal or confidential data)'
                        : 'not sensitive'}
                      {d.description ? ` · ${d.description}` : ''}
                    </Typography>
                  </li>
                ))}
              </ul>
            ) : (
              <NotDocumented />
            )}
          </Section>
        </Grid>
        <Grid item xs={12}>
          <Section title="Metrics by slice">
            <MetricsTable entity={entity} rows={modelCardMetricRows(entity)} />
            {versionMetrics.length > 0 && (
              <Box mt={2}>
                <MetricsTable
                  entity={entity}
                  rows={versionMetrics}
                  title={`Published with version ${latestVersion!.version}`}
                />
              </Box>
            )}
          </Section>
        </Grid>
        <Grid item xs={12}>
          <Section title="Serving">
            <StructuredMetadataTable
              options={{ titleFormat: key => key }}
              metadata={{
                Mode: orNotDocumented(serving?.mode),
                Endpoint: serving?.endpoint ? (
                  <WebLink url={serving.endpoint} />
                ) : (
                  <NotDocumented />
                ),
                'Provides API': (
                  <RefLink
                    entity={entity}
                    entityRef={serving?.providesApi}
                    kind={REF_KINDS.api}
                  />
                ),
                'Registry alias': orNotDocumented(serving?.alias),
                Rollout: rollout ? (
                  `${rollout.strategy}${
                    rollout.trafficPercent !== undefined
                      ? `, ${rollout.trafficPercent}% of traffic`
                      : ''
                  }`
                ) : (
                  <NotDocumented />
                ),
                'Fallback model': (
                  <RefLink
                    entity={entity}
                    entityRef={spec.fallbackModel}
                    kind={REF_KINDS.model}
                  />
                ),
              }}
            />
          </Section>
        </Grid>
      </Grid>
    </InfoCard>
  );
}

/**
 * The model card on a Model's Overview page, generated from the catalog
 * entity and the latest published version: intended use, limitations,
 * ethical considerations, data, metrics by slice, serving and ownership, with
 * "Not documented" for every gap, and a Markdown download of the same.
 */
export function ModelCardContent() {
  const { entity } = useEntity();
  if (!isModelEntity(entity)) {
    return (
      <EmptyState
        missing="data"
        title="Not a Model"
        description="The model card is only available on entities of kind Model (apiVersion model-hub.io/v1alpha1)."
      />
    );
  }
  return <ModelCard entity={entity} />;
}
