import { fireEvent, screen, within } from '@testing-library/react';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { ReviewHistory } from './ReviewHistory';
import { approvedReview, openReview } from './testData';

describe('ReviewHistory', () => {
  it('lists the reviews newest first, each with its decisions', async () => {
    // Given oldest first, still shown newest first.
    await renderInTestApp(
      <ReviewHistory reviews={[approvedReview, openReview]} totalItems={2} />,
    );

    const headings = screen
      .getAllByRole('heading', { level: 3 })
      .map(h => h.textContent);
    expect(headings).toEqual([
      'Version 3.2.0 · review 7',
      'Version 3.1.0 · review 5',
    ]);

    const open = screen.getByRole('region', {
      name: 'Version 3.2.0 · review 7',
    });
    expect(within(open).getByText('Waiting for approval')).toBeInTheDocument();
    expect(
      within(open).getByText(
        'Requested by user:default/ravi on 2026-11-21 09:00 UTC',
      ),
    ).toBeInTheDocument();
    expect(
      within(open).getByText(/Approvals: 1 of 2 required/),
    ).toBeInTheDocument();
    expect(
      within(open).getByText('Request comment: Retrained on Q3 applications'),
    ).toBeInTheDocument();

    const approved = screen.getByRole('region', {
      name: 'Version 3.1.0 · review 5',
    });
    expect(within(approved).getByText(/Approvals: 2 of 2/)).toBeInTheDocument();
    expect(
      within(approved).getByText('Approval expires on 2026-12-01 10:00 UTC'),
    ).toBeInTheDocument();
    // Decisions newest first: reviewer, decision in words, comment, time.
    const rows = within(
      within(approved).getByRole('table', {
        name: 'Decisions on review 5 of version 3.1.0',
      }),
    ).getAllByRole('row');
    expect(rows.map(row => row.textContent)).toEqual([
      'ReviewerDecisionCommentTime',
      'user:default/miaApproved—2026-09-01 10:00 UTC',
      'user:default/liApprovedValidation report reviewed2026-08-20 11:00 UTC',
    ]);
  });

  it('puts the actions under the reviews that have some', async () => {
    await renderInTestApp(
      <ReviewHistory
        reviews={[openReview, approvedReview]}
        totalItems={2}
        renderActions={review =>
          review.state === 'WAITING_FOR_APPROVAL' ? (
            <button type="button">Decide {review.id}</button>
          ) : null
        }
      />,
    );
    const open = screen.getByRole('region', {
      name: 'Version 3.2.0 · review 7',
    });
    expect(
      within(open).getByRole('button', { name: 'Decide 7' }),
    ).toBeInTheDocument();
    expect(screen.getAllByRole('button', { name: /Decide/ })).toHaveLength(1);
  });

  it('offers older reviews when there are more', async () => {
    const onShowOlder = jest.fn();
    await renderInTestApp(
      <ReviewHistory
        reviews={[openReview]}
        totalItems={23}
        onShowOlder={onShowOlder}
      />,
    );
    expect(screen.getByText('Showing 1 of 23 reviews.')).toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: 'Show older reviews' }));
    expect(onShowOlder).toHaveBeenCalled();
  });

  it('says when no review was requested', async () => {
    await renderInTestApp(<ReviewHistory reviews={[]} totalItems={0} />);
    expect(screen.getByText(/No review requested yet/)).toBeInTheDocument();
  });
});
