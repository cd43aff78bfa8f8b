import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import { EntityRefLink, useEntity } from '@backstage/plugin-catalog-react';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import Typography from '@material-ui/core/Typography';
import useAsync from 'react-use/esm/useAsync';
import { ModelStatus, modelHubApiRef } from '../../api/ModelHubApi';
import { DriftChip, GovernanceChip, RiskLevelChip } from '../StatusChips';
import { FallbackModel, PinnedVersion, withPins } from './EntityModelsContent';
import { modelDependencies } from './modelDependencies';

type FoundModel = Extract<ModelStatus, { found: true }>;

/**
 * The models of a service at a glance on its Overview page: risk,
 * governance, drift, the pinned version against the approved ones, and the
 * fallback. The "Models" tab has the details.
 */
export function EntityModelsCard() {
  const { entity } = useEntity();
  const api = useApi(modelHubApiRef);
  const refs = modelDependencies(entity);
  const { value, loading, error } = useAsync(
    async () => (refs.length ? api.getStatuses(refs) : []),
    [api, refs.join(',')],
  );

  let body;
  if (loading) body = <Progress />;
  else if (error) body = <ResponseErrorPanel error={error} />;
  else {
    const models = withPins(
      entity,
      (value ?? []).filter((s): s is FoundModel => s.found),
    );
    body =
      models.length === 0 ? (
        <Typography>No model of this service is visible to you.</Typography>
      ) : (
        <List dense disablePadding>
          {models.map(model => (
            <ListItem key={model.entityRef} disableGutters divider>
              <ListItemText
                primary={
                  <EntityRefLink
                    entityRef={model.entityRef}
                    title={model.title}
                  />
                }
                secondaryTypographyProps={{ component: 'div' }}
                secondary={
                  <>
                    <div>
                      Risk <RiskLevelChip level={model.riskLevel} /> ·
                      Governance{' '}
                      <GovernanceChip state={model.governanceStatus} /> · Drift{' '}
                      <DriftChip status={model.driftStatus} />
                    </div>
                    <div>
                      Pinned <PinnedVersion model={model} /> · Fallback{' '}
                      <FallbackModel model={model} />
                    </div>
                  </>
                }
              />
            </ListItem>
          ))}
        </List>
      );
  }
  return <InfoCard title="Models">{body}</InfoCard>;
}
