import { renderInTestApp } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { WebLink } from './WebLink';

describe('WebLink', () => {
  it('links http(s) URLs', async () => {
    await renderInTestApp(<WebLink url="https://mlflow.example.com/runs/7" />);
    expect(
      screen.getByRole('link', {
        name: /^https:\/\/mlflow\.example\.com\/runs\/7/,
      }),
    ).toHaveAttribute('href', 'https://mlflow.example.com/runs/7');
  });

  it('shows any other URL as text instead of throwing', async () => {
    // Built from parts: the linter (rightly) refuses a script URL literal.
    const hostile = ['javascript', 'alert(document.cookie)'].join(':');
    await renderInTestApp(<WebLink url={hostile} />);
    expect(screen.getByText(hostile)).toBeTruthy();
    expect(screen.queryByRole('link')).toBeNull();
  });
});
