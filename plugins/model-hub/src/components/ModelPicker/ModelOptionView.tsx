import type { ReactNode } from 'react';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import type { ModelListItem } from '../../api/ModelHubApi';
import {
  DriftChip,
  GovernanceChip,
  RiskLevelChip,
  ToneStatus,
} from '../StatusChips';

/** One model the picker offers, with why it is not ready when it is not. */
export type ModelOption = { item: ModelListItem; warning?: string };

const useStyles = makeStyles(theme => ({
  facts: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: theme.spacing(0.5, 2),
  },
}));

function Fact(props: { label: string; children: ReactNode }) {
  return (
    <Typography variant="caption" component="span">
      {props.label}: {props.children}
    </Typography>
  );
}

/** A model in the picker's list: title, ref, risk, approval, drift, latest approved version. */
export function ModelOptionView(props: { option: ModelOption }) {
  const { item, warning } = props.option;
  const classes = useStyles();
  return (
    <Box display="flex" flexDirection="column" py={0.5}>
      <Typography variant="body1">{item.title}</Typography>
      <Typography variant="caption" color="textSecondary">
        {item.entityRef}
      </Typography>
      <div className={classes.facts}>
        <Fact label="Risk">
          {item.riskLevel ? <RiskLevelChip level={item.riskLevel} /> : '—'}
        </Fact>
        {item.status ? (
          <>
            <Fact label="Governance">
              <GovernanceChip state={item.status.governanceStatus} />
            </Fact>
            <Fact label="Drift">
              <DriftChip status={item.status.driftStatus} />
            </Fact>
            <Fact label="Latest approved">
              {item.status.latestApprovedVersion ?? 'none'}
            </Fact>
          </>
        ) : (
          <Typography variant="caption" color="textSecondary">
            Approval and drift not visible to you
          </Typography>
        )}
      </div>
      {warning && (
        <Typography variant="caption" component="span">
          <ToneStatus label={`Warning: ${warning}`} tone="warn" />
        </Typography>
      )}
    </Box>
  );
}
