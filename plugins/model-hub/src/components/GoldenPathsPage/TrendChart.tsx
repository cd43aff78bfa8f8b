import Paper from '@material-ui/core/Paper';
import Typography from '@material-ui/core/Typography';
import { Theme, useTheme } from '@material-ui/core/styles';
import {
  CartesianGrid,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  TooltipContentProps,
  XAxis,
  YAxis,
} from 'recharts';
import type { ScorecardOverview } from '../../api/ModelHubApi';
import { formatPassRate, passRateWords } from '../PassRate';
import { formatTime } from '../ScorecardContent/scorecard';
import { rateOf } from './checkTitles';

const HEIGHT = 240;
/* The chart's size until ResizeObserver measures it (and in jsdom). */
const INITIAL_SIZE = { width: 560, height: HEIGHT };

type Run = ScorecardOverview['trend'][number];
type Point = Run & { label: string; rate: number };

/** The trend in words, so that it reads without the chart. */
export function trendSummary(trend: Run[]): string {
  if (trend.length === 0) return 'No evaluation run yet.';
  const last = trend[trend.length - 1];
  const latest = `Latest run ${formatTime(last.evaluatedAt)}: ${formatPassRate(
    rateOf(last),
  )} (${passRateWords(last.passed, last.failed)}) across ${
    last.entities
  } entities.`;
  if (trend.length === 1) return latest;
  const first = trend[0];
  return `${latest} Over the ${
    trend.length
  } runs shown the pass rate went from ${formatPassRate(
    rateOf(first),
  )} to ${formatPassRate(rateOf(last))}.`;
}

function RunTooltip(props: TooltipContentProps) {
  const point = props.payload?.[0]?.payload as Point | undefined;
  if (!props.active || !point) return null;
  return (
    <Paper style={{ padding: 8 }} elevation={2}>
      <Typography variant="body2">
        <strong>Run {formatTime(point.evaluatedAt)}</strong>
      </Typography>
      <Typography variant="body2">
        {formatPassRate(point.rate)}:{' '}
        {passRateWords(point.passed, point.failed)}
      </Typography>
      <Typography variant="body2">{point.entities} entities</Typography>
    </Paper>
  );
}

/** The pass rate over the latest evaluation runs, oldest first. */
export function TrendChart(props: { trend: Run[] }) {
  const theme = useTheme<Theme>();
  const points: Point[] = props.trend.map(run => ({
    ...run,
    label: formatTime(run.evaluatedAt).slice(5, 16),
    rate: rateOf(run),
  }));
  return (
    <>
      <Typography variant="body2" color="textSecondary" gutterBottom>
        {trendSummary(props.trend)}
      </Typography>
      {points.length > 0 && (
        <ResponsiveContainer
          width="100%"
          height={HEIGHT}
          initialDimension={INITIAL_SIZE}
        >
          <LineChart
            data={points}
            margin={{ top: 16, right: 24, bottom: 8, left: 8 }}
            accessibilityLayer
          >
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="label" minTickGap={24} />
            <YAxis
              domain={[0, 1]}
              tickFormatter={(value: number) => `${Math.round(value * 100)}%`}
              label={{ value: 'pass rate', angle: -90, position: 'insideLeft' }}
            />
            <Tooltip content={RunTooltip} />
            <Line
              type="linear"
              dataKey="rate"
              name="Pass rate"
              stroke={theme.palette.primary.main}
              strokeWidth={2}
              dot
              isAnimationActive={false}
            />
          </LineChart>
        </ResponsiveContainer>
      )}
    </>
  );
}
