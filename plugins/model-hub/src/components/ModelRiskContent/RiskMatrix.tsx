import {
  buildRiskMatrix,
  MODEL_RISK_DEFINITIONS,
  MODEL_RISK_KEYS,
  RISK_IMPACT_LABELS,
  RISK_LEVELS,
  RISK_LIKELIHOOD_LABELS,
  type ModelRiskKey,
  type ModelRiskResult,
  type RiskImpact,
  type RiskLevel,
  type RiskLikelihood,
} from '@model-hub/backstage-plugin-model-hub-common';
import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';

/*
 * Light fills with dark text, readable in the light and the dark theme. The
 * colour only repeats what each cell says in words (score and level).
 */
const LEVEL_FILLS: Record<RiskLevel, string> = {
  Low: '#c8e6c9',
  Medium: '#fff59d',
  High: '#ffcc80',
  Severe: '#ef9a9a',
};

const useStyles = makeStyles(theme => ({
  table: {
    borderCollapse: 'separate',
    borderSpacing: 2,
    width: '100%',
    tableLayout: 'fixed',
  },
  axis: {
    ...theme.typography.body2,
    fontWeight: theme.typography.fontWeightBold as number,
    padding: theme.spacing(0.5),
  },
  rowHeader: {
    ...theme.typography.body2,
    textAlign: 'right',
    padding: theme.spacing(0.5, 1),
    width: '18%',
  },
  columnHeader: {
    ...theme.typography.body2,
    textAlign: 'center',
    padding: theme.spacing(0.5),
    verticalAlign: 'bottom',
  },
  cell: {
    color: '#212121',
    verticalAlign: 'top',
    padding: theme.spacing(0.5),
    height: 64,
    border: '1px solid rgba(0, 0, 0, 0.2)',
    borderRadius: 4,
  },
  cellLabel: {
    ...theme.typography.caption,
    display: 'block',
    color: '#212121',
  },
  chip: {
    backgroundColor: '#ffffff',
    color: '#212121',
    borderColor: '#424242',
    margin: theme.spacing(0.25, 0),
    maxWidth: '100%',
    fontWeight: theme.typography.fontWeightMedium as number,
  },
  swatch: {
    display: 'inline-block',
    width: 14,
    height: 14,
    marginRight: theme.spacing(0.5),
    verticalAlign: 'middle',
    border: '1px solid rgba(0, 0, 0, 0.3)',
    borderRadius: 2,
  },
}));

const RATINGS_DESCENDING = [5, 4, 3, 2, 1] as const;
const RATINGS_ASCENDING = [1, 2, 3, 4, 5] as const;

/** Score range of each level, read off the matrix: `Low` → `1-3`. */
export function levelScoreRanges(): Record<RiskLevel, string> {
  const scores = new Map<RiskLevel, number[]>();
  for (const cell of buildRiskMatrix().flat()) {
    scores.set(cell.level, [...(scores.get(cell.level) ?? []), cell.score]);
  }
  return Object.fromEntries(
    RISK_LEVELS.map(level => {
      const values = scores.get(level) ?? [];
      return [level, `${Math.min(...values)}-${Math.max(...values)}`];
    }),
  ) as Record<RiskLevel, string>;
}

/**
 * The 5x5 risk matrix, likelihood 5 (very likely) at the top to 1 (rare) at
 * the bottom, impact 1 (very low) to 5 (very large) from left to right; each
 * cell with its score and level in words, and the model's four risks as
 * labelled chips in their cells.
 */
export function RiskMatrix(props: {
  risks: Record<ModelRiskKey, ModelRiskResult>;
}) {
  const classes = useStyles();
  const matrix = buildRiskMatrix();
  const ranges = levelScoreRanges();
  const risksIn = (likelihood: RiskLikelihood, impact: RiskImpact) =>
    MODEL_RISK_KEYS.filter(
      key =>
        props.risks[key].likelihood === likelihood &&
        props.risks[key].impact === impact,
    );

  return (
    <>
      <table
        className={classes.table}
        aria-label="Risk matrix: likelihood by impact"
      >
        <thead>
          <tr>
            <td />
            <th scope="colgroup" colSpan={5} className={classes.axis}>
              Impact →
            </th>
          </tr>
          <tr>
            <th
              scope="col"
              className={classes.axis}
              style={{ textAlign: 'right' }}
            >
              Likelihood ↓
            </th>
            {RATINGS_ASCENDING.map(impact => (
              <th key={impact} scope="col" className={classes.columnHeader}>
                {impact} · {RISK_IMPACT_LABELS[impact]}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {RATINGS_DESCENDING.map(likelihood => (
            <tr key={likelihood}>
              <th scope="row" className={classes.rowHeader}>
                {likelihood} · {RISK_LIKELIHOOD_LABELS[likelihood]}
              </th>
              {RATINGS_ASCENDING.map(impact => {
                const cell = matrix[likelihood - 1][impact - 1];
                return (
                  <td
                    key={impact}
                    data-testid={`cell likelihood ${likelihood} impact ${impact}`}
                    data-level={cell.level}
                    className={classes.cell}
                    style={{ backgroundColor: LEVEL_FILLS[cell.level] }}
                  >
                    <span className={classes.cellLabel}>
                      {cell.score} · {cell.level}
                    </span>
                    {risksIn(likelihood, impact).map(key => (
                      <Chip
                        key={key}
                        size="small"
                        variant="outlined"
                        className={classes.chip}
                        label={MODEL_RISK_DEFINITIONS[key].title}
                        data-testid={`risk ${key}`}
                      />
                    ))}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
      <Box mt={1} display="flex" flexWrap="wrap" style={{ gap: 16 }}>
        {RISK_LEVELS.map(level => (
          <Typography key={level} variant="caption" component="span">
            <span
              className={classes.swatch}
              style={{ backgroundColor: LEVEL_FILLS[level] }}
              aria-hidden
            />
            {level}: score {ranges[level]}
          </Typography>
        ))}
        <Typography variant="caption" component="span">
          Score = likelihood × impact
        </Typography>
      </Box>
    </>
  );
}
