import { ReactNode } from 'react';
import { Link } from '@backstage/core-components';

/** Whether a URL is one a link may open: http or https only. */
export function isWebUrl(url: string): boolean {
  return /^https?:\/\//i.test(url);
}

/**
 * A link to a URL that publishers or entity owners wrote (a training run, a
 * serving endpoint, evidence). Only http(s) URLs become links; anything else
 * (a `javascript:` URL, a path) is shown as text. Backstage's Link refuses
 * `javascript:` URLs by throwing, which would break the page for every
 * viewer of the model.
 */
export function WebLink(props: {
  url: string;
  title?: string;
  children?: ReactNode;
}) {
  const { url, title, children } = props;
  if (!isWebUrl(url)) return <>{url}</>;
  return (
    <Link to={url} title={title}>
      {children ?? url}
    </Link>
  );
}
