import { ReactNode } from 'react';
import Paper from '@material-ui/core/Paper';
import Typography from '@material-ui/core/Typography';
import { Theme, useTheme } from '@material-ui/core/styles';
import {
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  TooltipContentProps,
  XAxis,
  YAxis,
} from 'recharts';
import type { DriftReport } from '../../api/ModelHubApi';
import {
  columnSeries,
  driftRule,
  formatNumber,
  formatPercent,
  formatTick,
  formatTime,
  isPValueMethod,
  legendName,
  methodLabel,
  shareThresholdOf,
} from './driftReports';

const HEIGHT = 280;

/*
 * ResponsiveContainer measures its parent with a ResizeObserver; until then
 * (and where there is none, as in jsdom) the chart gets this size instead of
 * none at all.
 */
const INITIAL_SIZE = { width: 640, height: HEIGHT };

function ChartFrame(props: { children: ReactNode }) {
  return (
    <ResponsiveContainer
      width="100%"
      height={HEIGHT}
      initialDimension={INITIAL_SIZE}
    >
      {props.children}
    </ResponsiveContainer>
  );
}

/** A tooltip that says what a point means in words. */
function WindowTooltip(props: {
  active?: boolean;
  time?: number;
  lines: string[];
}) {
  if (!props.active || props.time === undefined) return null;
  return (
    <Paper style={{ padding: 8 }} elevation={2}>
      <Typography variant="body2">
        <strong>Window ending {formatTime(props.time)}</strong>
      </Typography>
      {props.lines.map(line => (
        <Typography variant="body2" key={line}>
          {line}
        </Typography>
      ))}
    </Paper>
  );
}

type TooltipProps = TooltipContentProps;

function pointOf<T>(props: TooltipProps): T | undefined {
  return props.payload?.[0]?.payload as T | undefined;
}

const timeAxis = (
  <XAxis
    dataKey="t"
    type="number"
    scale="time"
    domain={['dataMin', 'dataMax']}
    tickFormatter={formatTick}
    minTickGap={24}
  />
);

/**
 * One column's drift score over time, with its threshold and, in the
 * legend, the method and which side of the threshold is drift.
 */
export function ColumnDriftChart(props: {
  reports: DriftReport[];
  column: string;
}) {
  const theme = useTheme<Theme>();
  const series = columnSeries(props.reports, props.column);
  if (!series) {
    return (
      <Typography variant="body2">
        No scores for {props.column} in these windows.
      </Typography>
    );
  }
  const { latest, points } = series;
  const pValue = isPValueMethod(latest.method);
  return (
    <>
      <Typography variant="body2" color="textSecondary" gutterBottom>
        {`${methodLabel(latest.method)}: ${driftRule(
          latest.method,
          latest.threshold,
        )}.`}
        {series.hidden > 0 &&
          ` ${series.hidden} earlier window(s) used another method and are not plotted.`}
        {series.thresholdChanged &&
          ' The threshold changed over time; the line shows the latest.'}
      </Typography>
      <ChartFrame>
        <LineChart
          data={points}
          margin={{ top: 16, right: 24, bottom: 8, left: 8 }}
          accessibilityLayer
        >
          <CartesianGrid strokeDasharray="3 3" />
          {timeAxis}
          <YAxis
            domain={pValue ? [0, 1] : [0, 'auto']}
            tickFormatter={formatNumber}
            label={{
              value: pValue ? 'p-value' : 'score',
              angle: -90,
              position: 'insideLeft',
            }}
          />
          <Tooltip
            content={(p: TooltipProps) => {
              const point = pointOf<(typeof points)[number]>(p);
              return (
                <WindowTooltip
                  active={p.active}
                  time={point?.t}
                  lines={
                    point
                      ? [
                          `${props.column}: ${formatNumber(point.score)}`,
                          point.drifted ? 'Drift detected' : 'No drift',
                          `Version ${point.version}`,
                        ]
                      : []
                  }
                />
              );
            }}
          />
          <Legend />
          <ReferenceLine
            y={latest.threshold}
            stroke={theme.palette.error.main}
            strokeDasharray="6 4"
            ifOverflow="extendDomain"
            label={{
              value: `threshold ${formatNumber(latest.threshold)}`,
              position: 'insideTopRight',
              fill: theme.palette.text.secondary,
            }}
          />
          <Line
            type="linear"
            dataKey="score"
            name={legendName(latest)}
            stroke={theme.palette.primary.main}
            strokeWidth={2}
            dot={points.length <= 60}
            isAnimationActive={false}
          />
        </LineChart>
      </ChartFrame>
    </>
  );
}

type SharePoint = {
  t: number;
  share: number;
  datasetDrift: boolean;
  version: string;
};

/** The share of drifted columns per window, with the data set drift line. */
export function DriftedShareChart(props: { reports: DriftReport[] }) {
  const theme = useTheme<Theme>();
  const points: SharePoint[] = props.reports.map(report => ({
    t: Date.parse(report.windowEnd),
    share: report.driftedShare,
    datasetDrift: report.datasetDrift,
    version: report.version,
  }));
  const latest = props.reports[props.reports.length - 1];
  const threshold = latest ? shareThresholdOf(latest) : 0.5;
  return (
    <ChartFrame>
      <LineChart
        data={points}
        margin={{ top: 16, right: 24, bottom: 8, left: 8 }}
        accessibilityLayer
      >
        <CartesianGrid strokeDasharray="3 3" />
        {timeAxis}
        <YAxis domain={[0, 1]} tickFormatter={formatPercent} />
        <Tooltip
          content={(p: TooltipProps) => {
            const point = pointOf<SharePoint>(p);
            return (
              <WindowTooltip
                active={p.active}
                time={point?.t}
                lines={
                  point
                    ? [
                        `${formatPercent(point.share)} of columns drifted`,
                        point.datasetDrift
                          ? 'Data set drift'
                          : 'No data set drift',
                        `Version ${point.version}`,
                      ]
                    : []
                }
              />
            );
          }}
        />
        <Legend />
        <ReferenceLine
          y={threshold}
          stroke={theme.palette.error.main}
          strokeDasharray="6 4"
          label={{
            value: `data set drift at ${formatPercent(threshold)}`,
            position: 'insideTopRight',
            fill: theme.palette.text.secondary,
          }}
        />
        <Line
          type="linear"
          dataKey="share"
          name={`Share of drifted columns: data set drift when ≥ ${formatPercent(
            threshold,
          )}`}
          stroke={theme.palette.primary.main}
          strokeWidth={2}
          dot={points.length <= 60}
          isAnimationActive={false}
        />
      </LineChart>
    </ChartFrame>
  );
}
