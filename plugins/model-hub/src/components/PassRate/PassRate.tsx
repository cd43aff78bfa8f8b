import Box from '@material-ui/core/Box';
import LinearProgress from '@material-ui/core/LinearProgress';
import Typography from '@material-ui/core/Typography';

/**
 * A pass rate as a whole percentage that never rounds to 100% while a check
 * fails, nor to 0% while one passes.
 */
export function formatPassRate(rate: number): string {
  let percent = Math.round(rate * 100);
  if (rate < 1) percent = Math.min(percent, 99);
  if (rate > 0) percent = Math.max(percent, 1);
  return `${percent}%`;
}

/** The counts behind a pass rate in words, e.g. "2 of 6 checks pass". */
export function passRateWords(passed: number, failed: number): string {
  const total = passed + failed;
  if (total === 0) return 'No check applies';
  return `${passed} of ${total} ${
    total === 1 ? 'check passes' : 'checks pass'
  }`;
}

/**
 * A pass rate as a percentage and a small bar, with the counts in words so
 * that it reads without the bar.
 */
export function PassRate(props: {
  passed: number;
  failed: number;
  passRate: number;
  /** Bar width in pixels. */
  width?: number;
}) {
  const { passed, failed, passRate } = props;
  const applicable = passed + failed > 0;
  const percent = applicable ? formatPassRate(passRate) : '—';
  return (
    <Box data-testid="pass-rate">
      <Box display="flex" alignItems="center">
        <Typography variant="body2" component="span" style={{ minWidth: 40 }}>
          <strong>{percent}</strong>
        </Typography>
        <LinearProgress
          variant="determinate"
          value={applicable ? Math.round(passRate * 100) : 0}
          aria-label={`Pass rate ${percent}`}
          style={{ width: props.width ?? 80, height: 6, borderRadius: 3 }}
        />
      </Box>
      <Typography variant="caption" color="textSecondary">
        {passRateWords(passed, failed)}
      </Typography>
    </Box>
  );
}
