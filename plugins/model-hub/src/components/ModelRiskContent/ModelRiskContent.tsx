import {
  EmptyState,
  InfoCard,
  Progress,
  Table,
  TableColumn,
  WarningPanel,
} from '@backstage/core-components';
import { getCompoundEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/frontend-plugin-api';
import { EntityRefLink, useEntity } from '@backstage/plugin-catalog-react';
import {
  addMonths,
  assessModelRisk,
  DEFAULT_GOVERNANCE_POLICY,
  EU_AI_ACT_CATEGORIES,
  EVIDENCE_DEFINITIONS,
  governancePolicyForModel,
  isModelEntity,
  MODEL_RISK_DEFINITIONS,
  MODEL_RISK_KEYS,
  RISK_IMPACT_LABELS,
  RISK_LIKELIHOOD_LABELS,
  type EuAiActCategory,
  type GovernanceLevelPolicy,
  type ModelEntity,
  type ModelRiskAssessmentResult,
  type ModelRiskKey,
  type ModelRiskResult,
  type RiskLevel,
} from '@model-hub/backstage-plugin-model-hub-common';
import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import useAsync from 'react-use/esm/useAsync';
import { ModelGovernance, modelHubApiRef } from '../../api/ModelHubApi';
import { errorMessage } from '../errorMessage';
import { RiskLevelChip } from '../StatusChips';
import { RiskMatrix } from './RiskMatrix';

/** One line on each EU AI Act category, most serious first. */
export const EU_AI_ACT_EXPLANATIONS: Record<
  EuAiActCategory,
  { title: string; explanation: string }
> = {
  unacceptable: {
    title: 'Unacceptable risk',
    explanation:
      'Prohibited practices (Art. 5), e.g. social scoring or emotion recognition at work: may not be placed on the market or used.',
  },
  high: {
    title: 'High risk',
    explanation:
      'Annex III areas such as credit scoring, employment or critical infrastructure: risk management, data governance, technical documentation, human oversight and conformity assessment are mandatory.',
  },
  limited: {
    title: 'Limited risk',
    explanation:
      'Transparency duties (Art. 50): people must be told they deal with an AI system or AI-generated content.',
  },
  minimal: {
    title: 'Minimal risk',
    explanation:
      'No obligations under the Act beyond voluntary codes of conduct.',
  },
};

const CATEGORIES_MOST_SERIOUS_FIRST = [...EU_AI_ACT_CATEGORIES].reverse();

type RiskRow = ModelRiskResult & {
  key: ModelRiskKey;
  rationale?: string;
};

const riskColumns: TableColumn<RiskRow>[] = [
  {
    title: 'Risk',
    field: 'key',
    render: row => (
      <>
        <Typography variant="body2">
          <strong>{MODEL_RISK_DEFINITIONS[row.key].title}</strong>
        </Typography>
        <Typography variant="caption" color="textSecondary">
          {MODEL_RISK_DEFINITIONS[row.key].description}
        </Typography>
      </>
    ),
  },
  {
    title: 'Likelihood',
    field: 'likelihood',
    render: row =>
      `${row.likelihood} · ${RISK_LIKELIHOOD_LABELS[row.likelihood]}`,
  },
  {
    title: 'Impact',
    field: 'impact',
    render: row => `${row.impact} · ${RISK_IMPACT_LABELS[row.impact]}`,
  },
  { title: 'Score', field: 'score' },
  {
    title: 'Level',
    field: 'level',
    render: row => <RiskLevelChip level={row.level} />,
  },
  {
    title: 'Rationale',
    field: 'rationale',
    render: row =>
      row.rationale ?? (
        <Typography
          variant="body2"
          color="textSecondary"
          style={{ fontStyle: 'italic' }}
        >
          No rationale given
        </Typography>
      ),
  },
];

/** `2025-02-14` from an assessment date, or undefined when unreadable. */
function parseAssessedAt(value: string | undefined): Date | undefined {
  if (!value) return undefined;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

function day(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** The policy that applies: Model Hub's (with overrides), else the default. */
function usePolicy(
  entity: ModelEntity,
  level: RiskLevel,
  regulatoryCategory: EuAiActCategory | undefined,
) {
  const api = useApi(modelHubApiRef);
  const { namespace, name } = getCompoundEntityRef(entity);
  const { value, loading, error } = useAsync(
    () => api.getGovernance({ namespace, name }),
    [api, namespace, name],
  );
  const policy: GovernanceLevelPolicy | undefined =
    value?.policy ??
    (error
      ? governancePolicyForModel(
          DEFAULT_GOVERNANCE_POLICY,
          level,
          regulatoryCategory,
        )
      : undefined);
  return { governance: value, policy, loading, error };
}

function AssessmentAge(props: {
  assessedAt: string | undefined;
  level: RiskLevel;
  policy: GovernanceLevelPolicy | undefined;
}) {
  const assessed = parseAssessedAt(props.assessedAt);
  if (!assessed) {
    return (
      <WarningPanel
        severity="info"
        title="No assessment date: whether the assessment is due for review cannot be checked"
        message="Record the date of the assessment in spec.risk.assessedAt (YYYY-MM-DD)."
      />
    );
  }
  if (!props.policy) return null;
  const months = props.policy.reviewCadenceMonths;
  const due = addMonths(assessed, months);
  if (due.getTime() >= Date.now()) return null;
  return (
    <WarningPanel
      severity="warning"
      title={`Risk assessment overdue: assessed ${day(
        assessed,
      )}, due for review ${day(due)}`}
      message={`The ${props.level} policy asks for a review every ${months} months. Re-assess the four risks and update spec.risk (assessments, assessedAt, assessedBy).`}
    />
  );
}

function OverallCard(props: {
  entity: ModelEntity;
  result: ModelRiskAssessmentResult;
}) {
  const { risk } = props.entity.spec;
  const { result } = props;
  return (
    <InfoCard title="Overall risk">
      <Typography variant="body1" gutterBottom>
        Risk level <RiskLevelChip level={result.level} /> (score {result.score},
        the worst of the four risks:{' '}
        {MODEL_RISK_DEFINITIONS[result.worstRisk].title})
      </Typography>
      {risk.rationale && (
        <Typography variant="body2" paragraph>
          {risk.rationale}
        </Typography>
      )}
      <Typography variant="body2">
        Business domain: {risk.businessDomain ?? 'not given'}
      </Typography>
      <Typography variant="body2">
        Exposure: {risk.exposure ?? 'not given'}
      </Typography>
      <Typography variant="body2">
        Assessed: {risk.assessedAt ?? 'date not recorded'}
        {risk.assessedBy ? (
          <>
            {' by '}
            <EntityRefLink
              entityRef={risk.assessedBy}
              defaultKind="user"
              defaultNamespace={props.entity.metadata.namespace}
            />
          </>
        ) : (
          ' (assessor not recorded)'
        )}
      </Typography>
    </InfoCard>
  );
}

function RegulatoryCard(props: { category: EuAiActCategory | undefined }) {
  const current = props.category
    ? EU_AI_ACT_EXPLANATIONS[props.category]
    : undefined;
  return (
    <InfoCard title="EU AI Act">
      <Typography variant="body1" gutterBottom>
        Category: <strong>{current ? current.title : 'not assessed'}</strong>
      </Typography>
      <ul style={{ margin: 0, paddingLeft: 20 }}>
        {CATEGORIES_MOST_SERIOUS_FIRST.map(category => {
          const { title, explanation } = EU_AI_ACT_EXPLANATIONS[category];
          const isCurrent = category === props.category;
          return (
            <li key={category} aria-current={isCurrent ? 'true' : undefined}>
              <Typography
                variant="body2"
                color={isCurrent ? 'textPrimary' : 'textSecondary'}
              >
                {isCurrent ? (
                  <strong>
                    {title} (this model): {explanation}
                  </strong>
                ) : (
                  <>
                    {title}: {explanation}
                  </>
                )}
              </Typography>
            </li>
          );
        })}
      </ul>
    </InfoCard>
  );
}

function ControlsCard(props: {
  level: RiskLevel;
  regulatoryCategory: EuAiActCategory | undefined;
  governance: ModelGovernance | undefined;
  policy: GovernanceLevelPolicy | undefined;
  loading: boolean;
  error: Error | undefined;
}) {
  const { governance, policy, level } = props;
  const euHighRisk =
    props.regulatoryCategory === 'high' ||
    props.regulatoryCategory === 'unacceptable';
  let body;
  if (props.loading) {
    body = <Progress />;
  } else if (!policy) {
    body = null;
  } else {
    body = (
      <>
        {props.error && (
          <Box mb={2}>
            <WarningPanel
              severity="warning"
              defaultExpanded
              title={`Could not load the policy from Model Hub: showing the default policy for ${level}`}
              message={`${errorMessage(
                props.error,
              )}. The default policy does not include overrides made in Model Hub.`}
            />
          </Box>
        )}
        {governance && governance.riskLevel !== level && (
          <Typography variant="body2" paragraph>
            Model Hub has the level {governance.riskLevel} on record (it may not
            have read the latest catalog entity yet); the controls below are
            those of that level.
          </Typography>
        )}
        {governance?.policyOverride && (
          <Typography variant="body2" paragraph>
            Overridden for this model by {governance.policyOverride.updatedBy}{' '}
            on {governance.policyOverride.updatedAt.slice(0, 10)}:{' '}
            {governance.policyOverride.reason}
          </Typography>
        )}
        {euHighRisk && (
          <Typography variant="body2" paragraph>
            Includes the demands for EU AI Act high-risk systems.
          </Typography>
        )}
        <Typography variant="body2">
          Approvals needed: {policy.approvals} (never the publisher or the
          requester)
        </Typography>
        <Typography variant="body2" gutterBottom>
          Review every {policy.reviewCadenceMonths} months
        </Typography>
        <Typography variant="subtitle2" component="h3">
          Required evidence
        </Typography>
        <ul style={{ marginTop: 0 }}>
          {policy.evidence.map(kind => (
            <li key={kind}>
              <Typography variant="body2">
                {EVIDENCE_DEFINITIONS[kind].title}{' '}
                <Typography
                  variant="caption"
                  color="textSecondary"
                  component="span"
                >
                  (
                  {EVIDENCE_DEFINITIONS[kind].source === 'derived'
                    ? 'derived from the catalog entity and the version'
                    : 'attached to the review request'}
                  )
                </Typography>
              </Typography>
            </li>
          ))}
        </ul>
      </>
    );
  }
  return (
    <InfoCard
      title={`Controls required at ${governance?.riskLevel ?? level}`}
      subheader={
        props.error
          ? 'Default governance policy'
          : 'Governance policy of Model Hub, including overrides'
      }
    >
      {body}
    </InfoCard>
  );
}

function ModelRisk(props: {
  entity: ModelEntity;
  result: ModelRiskAssessmentResult;
}) {
  const { entity, result } = props;
  const risk = entity.spec.risk;
  const category = (EU_AI_ACT_CATEGORIES as readonly string[]).includes(
    risk.regulatoryCategory,
  )
    ? risk.regulatoryCategory
    : undefined;
  const { governance, policy, loading, error } = usePolicy(
    entity,
    result.level,
    category,
  );
  const rows: RiskRow[] = MODEL_RISK_KEYS.map(key => ({
    key,
    ...result.risks[key],
    rationale: risk.assessments[key].rationale,
  }));

  return (
    <Grid container spacing={3}>
      <Grid item xs={12}>
        <AssessmentAge
          assessedAt={risk.assessedAt}
          level={governance?.riskLevel ?? result.level}
          policy={policy}
        />
      </Grid>
      <Grid item xs={12} lg={7}>
        <InfoCard title="Risk matrix">
          <RiskMatrix risks={result.risks} />
        </InfoCard>
      </Grid>
      <Grid item xs={12} lg={5}>
        <Box mb={3}>
          <OverallCard entity={entity} result={result} />
        </Box>
        <RegulatoryCard category={category} />
      </Grid>
      <Grid item xs={12}>
        <Table<RiskRow>
          title="Assessed risks"
          options={{
            paging: false,
            search: false,
            padding: 'dense',
            sorting: false,
          }}
          columns={riskColumns}
          data={rows}
        />
      </Grid>
      <Grid item xs={12}>
        <ControlsCard
          level={result.level}
          regulatoryCategory={category}
          governance={governance}
          policy={policy}
          loading={loading}
          error={error}
        />
      </Grid>
    </Grid>
  );
}

/**
 * The "Risk" tab of a Model: the 5x5 matrix with the four assessed risks,
 * the model's level and EU AI Act category, and the governance controls the
 * level requires.
 */
export function ModelRiskContent() {
  const { entity } = useEntity();
  if (!isModelEntity(entity)) {
    return (
      <EmptyState
        missing="data"
        title="Not a Model"
        description="The risk assessment is only available on entities of kind Model (apiVersion model-hub.io/v1alpha1)."
      />
    );
  }
  let result: ModelRiskAssessmentResult;
  try {
    result = assessModelRisk(entity.spec.risk);
  } catch (e) {
    return (
      <EmptyState
        missing="field"
        title="No complete risk assessment"
        description={`Rate the likelihood and impact (1-5) of each of the four risks in spec.risk.assessments: ${
          (e as Error).message
        }`}
      />
    );
  }
  return <ModelRisk entity={entity} result={result} />;
}
