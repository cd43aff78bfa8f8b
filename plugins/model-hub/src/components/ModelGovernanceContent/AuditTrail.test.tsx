import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { ModelHubApi, modelHubApiRef } from '../../api/ModelHubApi';
import { AuditTrail } from './AuditTrail';
import { auditEvents, backendError } from './testData';

const modelName = { namespace: 'default', name: 'credit-scoring-pd' };

function fakeApi(events = auditEvents) {
  const listAuditEvents = jest.fn<
    ReturnType<ModelHubApi['listAuditEvents']>,
    Parameters<ModelHubApi['listAuditEvents']>
  >(async (_model, page = {}) => {
    const offset = page.offset ?? 0;
    const limit = page.limit ?? 20;
    return {
      items: events.slice(offset, offset + limit),
      totalItems: events.length,
    };
  });
  return { listAuditEvents };
}

const bodyRows = () =>
  screen
    .getAllByRole('row')
    .filter(row => within(row).queryAllByRole('cell').length === 4);

describe('AuditTrail', () => {
  it('shows time, actor, action in words and a summary of each event', async () => {
    const api = fakeApi();
    await renderInTestApp(<AuditTrail model={modelName} />, {
      apis: [[modelHubApiRef, api]],
    });

    expect(await screen.findByText('Review decision')).toBeInTheDocument();
    expect(api.listAuditEvents).toHaveBeenCalledWith(modelName, {
      limit: 10,
      offset: 0,
    });
    const rows = bodyRows().map(row =>
      within(row)
        .getAllByRole('cell')
        .map(cell => cell.textContent),
    );
    expect(rows).toEqual([
      [
        '2026-11-22 14:30 UTC',
        'user:default/li',
        'Review decision',
        'Approved on 3.2.0 → waiting for approval: “Backtesting within tolerance”',
      ],
      [
        '2026-11-21 09:00 UTC',
        'user:default/ravi',
        'Review requested',
        'Review of 3.2.0, 2 approvals required',
      ],
      [
        '2026-11-20 10:00 UTC',
        'user:default/dana',
        'Version published',
        'Version 3.2.0 (s3://models/credit-scoring-pd/3.2.0)',
      ],
      [
        '2026-09-02 07:00 UTC',
        'user:default/ci-bot',
        'Deployment recorded',
        '3.1.0 in production (was 3.0.2)',
      ],
      [
        '2026-09-01 23:00 UTC',
        'user:default/drift-monitor',
        'Drift reported',
        'production: drift (25% of columns drifted), version 3.0.2',
      ],
      [
        '2026-07-15 12:00 UTC',
        'user:default/risk-office',
        'Policy overridden',
        'approvals: 2; reviewCadenceMonths: 3 — Model risk committee decision MRC-2026-07',
      ],
    ]);
  });

  it('pages through the backend', async () => {
    // 12 events: a first page of 10, then 2.
    const events = Array.from({ length: 12 }, (_, i) => ({
      ...auditEvents[2],
      id: String(100 - i),
      occurredAt: new Date(Date.UTC(2026, 10, 20 - i, 10)).toISOString(),
      payload: { version: `3.${12 - i}.0`, artifactUri: 's3://models/pd' },
    }));
    const api = fakeApi(events);
    await renderInTestApp(<AuditTrail model={modelName} />, {
      apis: [[modelHubApiRef, api]],
    });

    expect(await screen.findByText(/Version 3\.12\.0/)).toBeInTheDocument();
    expect(bodyRows()).toHaveLength(10);

    fireEvent.click(screen.getByRole('button', { name: /next page/i }));

    await waitFor(() =>
      expect(api.listAuditEvents).toHaveBeenLastCalledWith(modelName, {
        limit: 10,
        offset: 10,
      }),
    );
    expect(await screen.findByText(/Version 3\.1\.0/)).toBeInTheDocument();
    expect(bodyRows()).toHaveLength(2);
  });

  it('shows the error when the trail cannot be read', async () => {
    const forbidden = await backendError(
      403,
      'NotAllowedError',
      'Not allowed: model-hub.read on model:default/credit-scoring-pd',
    );
    await renderInTestApp(<AuditTrail model={modelName} />, {
      apis: [
        [
          modelHubApiRef,
          {
            listAuditEvents: jest.fn(async () => {
              throw forbidden;
            }),
          },
        ],
      ],
    });
    expect(
      await screen.findByText(/Not allowed: model-hub\.read/),
    ).toBeInTheDocument();
  });
});
