import { StatusError, StatusOK } from '@backstage/core-components';
import { isWebUrl, WebLink } from '../WebLink';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import type { ModelGovernance } from '../../api/ModelHubApi';

type Checklist = ModelGovernance['versions'][number]['evidence'];

const useStyles = makeStyles(theme => ({
  list: { listStyle: 'none', margin: 0, padding: 0 },
  item: { marginBottom: theme.spacing(0.5) },
  reference: { color: theme.palette.text.secondary },
}));

function Reference(props: { reference: string }) {
  const { reference } = props;
  if (isWebUrl(reference)) {
    // The host names the source; the full URL stays in the link's title.
    let label = reference;
    try {
      label = `link on ${new URL(reference).hostname}`;
    } catch {
      // Not a parsable URL: shown as is.
    }
    return (
      <WebLink url={reference} title={reference}>
        {label}
      </WebLink>
    );
  }
  return <>{reference}</>;
}

/**
 * A version's evidence checklist: each item complete or missing, in words
 * next to an icon, with where the evidence comes from.
 */
export function EvidenceChecklist(props: {
  version: string;
  checklist: Checklist;
}) {
  const { version, checklist } = props;
  const classes = useStyles();
  const { items } = checklist;
  if (items.length === 0) {
    return <Typography variant="body2">No evidence required</Typography>;
  }
  const missing = items.filter(item => !item.complete).length;
  const renderList = (list: typeof items, which: string) =>
    list.length === 0 ? null : (
      <ul
        className={classes.list}
        aria-label={`Evidence checklist of version ${version} (${which})`}
      >
        {list.map(item => (
          <li key={item.kind} className={classes.item}>
            <Typography variant="body2" component="span">
              {item.complete ? (
                <StatusOK>Complete:</StatusOK>
              ) : (
                <StatusError>Missing:</StatusError>
              )}{' '}
              {item.title}
            </Typography>
            {item.reference && (
              <Typography
                variant="caption"
                component="div"
                className={classes.reference}
              >
                <Reference reference={item.reference} />
              </Typography>
            )}
            {!item.complete && item.source === 'attached' && (
              <Typography
                variant="caption"
                component="div"
                className={classes.reference}
              >
                Attach a link when requesting the review
              </Typography>
            )}
            {!item.complete && item.source === 'derived' && (
              <Typography
                variant="caption"
                component="div"
                className={classes.reference}
              >
                Derived from the catalog entity or the published version
              </Typography>
            )}
          </li>
        ))}
      </ul>
    );
  return (
    <div>
      <Typography variant="body2" gutterBottom>
        {missing === 0
          ? `All ${items.length} items complete`
          : `${missing} of ${items.length} items missing`}
      </Typography>
      {/* Missing items first and always shown; complete ones fold away. */}
      {renderList(
        items.filter(item => !item.complete),
        'missing',
      )}
      {missing < items.length && (
        <details>
          <summary>
            <Typography variant="body2" component="span">
              {items.length - missing} complete
            </Typography>
          </summary>
          {renderList(
            items.filter(item => item.complete),
            'complete',
          )}
        </details>
      )}
    </div>
  );
}
