import { screen, within } from '@testing-library/react';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { EvidenceChecklist } from './EvidenceChecklist';
import { governance } from './testData';

describe('EvidenceChecklist', () => {
  it('says in words which evidence is complete and which is missing', async () => {
    const [pending] = governance.versions;
    await renderInTestApp(
      <EvidenceChecklist version="3.2.0" checklist={pending.evidence} />,
    );

    expect(screen.getByText('1 of 2 items missing')).toBeInTheDocument();
    // Missing evidence is listed first; what is complete folds away.
    const [missingItem] = within(
      screen.getByRole('list', {
        name: 'Evidence checklist of version 3.2.0 (missing)',
      }),
    ).getAllByRole('listitem');
    const [completeItem] = within(
      screen.getByRole('list', {
        name: 'Evidence checklist of version 3.2.0 (complete)',
        hidden: true,
      }),
    ).getAllByRole('listitem', { hidden: true });
    expect(screen.getByText('1 complete')).toBeInTheDocument();
    const items = [completeItem, missingItem];
    expect(items[0]).toHaveTextContent(
      'Complete: Model card (description, intended use, limitations)',
    );
    expect(items[0]).toHaveTextContent(
      'catalog entity (description, intended use)',
    );
    expect(items[1]).toHaveTextContent(
      'Missing: Independent validation report',
    );
    expect(items[1]).toHaveTextContent(
      'Attach a link when requesting the review',
    );
    // Each status has its icon next to the words.
    expect(items[0].querySelector('svg')).not.toBeNull();
    expect(items[1].querySelector('svg')).not.toBeNull();
  });

  it('links attached evidence', async () => {
    const approved = governance.versions[1];
    await renderInTestApp(
      <EvidenceChecklist version="3.1.0" checklist={approved.evidence} />,
    );
    expect(screen.getByText('All 2 items complete')).toBeInTheDocument();
    expect(
      screen.getByRole('link', {
        name: /link on confluence\.example\.com/,
        hidden: true,
      }),
    ).toHaveAttribute(
      'href',
      'https://confluence.example.com/validation/pd-3.1.0',
    );
  });

  it('says when a version needs no evidence', async () => {
    await renderInTestApp(
      <EvidenceChecklist
        version="0.1.0"
        checklist={{ complete: true, items: [] }}
      />,
    );
    expect(screen.getByText('No evidence required')).toBeInTheDocument();
  });
});
