import { ComponentType, ReactNode } from 'react';
import Box from '@material-ui/core/Box';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import Typography from '@material-ui/core/Typography';
import { SvgIconProps } from '@material-ui/core/SvgIcon';
import ErrorOutline from '@material-ui/icons/ErrorOutline';
import ReportProblemOutlined from '@material-ui/icons/ReportProblemOutlined';
import InfoOutlined from '@material-ui/icons/InfoOutlined';
import BuildOutlined from '@material-ui/icons/BuildOutlined';
import type { GoldenPathVerdict } from '../../api/ModelHubApi';
import { ToneStatus } from '../StatusChips';
import { resultLabel, resultTone, Severity } from './scorecard';

const SEVERITIES: Record<
  Severity,
  { label: string; short: string; Icon: ComponentType<SvgIconProps> }
> = {
  error: {
    label: 'Error: blocks the golden path',
    short: 'Error',
    Icon: ErrorOutline,
  },
  warning: {
    label: 'Warning only',
    short: 'Warning',
    Icon: ReportProblemOutlined,
  },
};

/** A line with an icon in front, the icon only repeating what the words say. */
function IconLine(props: {
  Icon: ComponentType<SvgIconProps>;
  children: ReactNode;
}) {
  const { Icon } = props;
  return (
    <Box display="flex" alignItems="flex-start" mt={0.5}>
      <Icon fontSize="small" style={{ marginRight: 6, marginTop: 1 }} />
      <Typography variant="body2" component="span">
        {props.children}
      </Typography>
    </Box>
  );
}

/** A check's severity in words and an icon. */
export function SeverityLabel(props: { severity: Severity }) {
  const { label, Icon } = SEVERITIES[props.severity] ?? SEVERITIES.error;
  return (
    <Box
      component="span"
      display="inline-flex"
      alignItems="center"
      color="text.secondary"
      data-severity={props.severity}
    >
      <Icon fontSize="small" style={{ marginRight: 4 }} />
      <Typography variant="body2" component="span">
        {label}
      </Typography>
    </Box>
  );
}

/** A verdict's result in words with the icon of its tone. */
export function VerdictResult(props: { result: string; severity?: Severity }) {
  return (
    <ToneStatus
      label={resultLabel(props.result)}
      tone={resultTone(props.result, props.severity)}
    />
  );
}

/** How to pass, where the verdict says and the check does not pass. */
function Remedy(props: { verdict: GoldenPathVerdict }) {
  const { verdict } = props;
  if (!verdict.remedy || verdict.result === 'pass') return null;
  return <IconLine Icon={BuildOutlined}>To pass: {verdict.remedy}</IconLine>;
}

// Entity pages set nowrap on list items; a verdict's sentences wrap.
const wrap = { whiteSpace: 'normal' } as const;

/**
 * One verdict: the check, its result and severity, why, and how to pass.
 * Compact (for a failing check on a card): the severity leads the reason.
 */
export function VerdictItem(props: {
  verdict: GoldenPathVerdict;
  compact?: boolean;
}) {
  const { verdict } = props;
  const severity = SEVERITIES[verdict.severity] ?? SEVERITIES.error;
  return (
    <ListItem
      disableGutters
      divider
      alignItems="flex-start"
      data-testid={`verdict ${verdict.checkId}`}
    >
      {props.compact ? (
        <ListItemText
          style={wrap}
          primary={<strong>{verdict.title}</strong>}
          secondaryTypographyProps={{ component: 'div' }}
          secondary={
            <>
              <IconLine Icon={severity.Icon}>
                {severity.short}: {verdict.reason}
              </IconLine>
              <Remedy verdict={verdict} />
            </>
          }
        />
      ) : (
        <ListItemText
          style={wrap}
          primaryTypographyProps={{ component: 'div' }}
          primary={
            <Box display="flex" flexWrap="wrap" alignItems="center">
              <Box component="span" mr={2}>
                <strong>{verdict.title}</strong>
              </Box>
              <Box component="span" mr={2}>
                <VerdictResult
                  result={verdict.result}
                  severity={verdict.severity}
                />
              </Box>
              <SeverityLabel severity={verdict.severity} />
            </Box>
          }
          secondaryTypographyProps={{ component: 'div' }}
          secondary={
            <>
              <IconLine Icon={InfoOutlined}>Why: {verdict.reason}</IconLine>
              <Remedy verdict={verdict} />
            </>
          }
        />
      )}
    </ListItem>
  );
}
