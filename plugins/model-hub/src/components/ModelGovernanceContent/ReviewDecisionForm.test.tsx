import { fireEvent, screen, waitFor } from '@testing-library/react';
import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import type {
  AuthorizeResult,
  EvaluatePermissionRequest,
} from '@backstage/plugin-permission-common';
import { ModelReview } from '../../api/ModelHubApi';
import { ReviewDecisionForm } from './ReviewDecisionForm';
import {
  backendError,
  modelRef,
  openReview,
  publisher,
  requester,
  reviewer,
} from './testData';

const ALLOW = 'ALLOW' as AuthorizeResult.ALLOW;
const DENY = 'DENY' as AuthorizeResult.DENY;

function render(options: {
  modelRef?: string;
  user?: string;
  authorize?: (
    request: EvaluatePermissionRequest,
  ) => AuthorizeResult.ALLOW | AuthorizeResult.DENY;
  review?: ModelReview;
  onDecide?: jest.Mock;
}) {
  const onDecide = options.onDecide ?? jest.fn(async () => undefined);
  renderInTestApp(
    <ReviewDecisionForm
      modelRef={options.modelRef ?? modelRef}
      review={options.review ?? openReview}
      publishedBy={publisher}
      missingEvidence={[]}
      onDecide={onDecide}
    />,
    {
      apis: [
        mockApis.identity({ userEntityRef: options.user ?? reviewer }),
        mockApis.permission({ authorize: options.authorize ?? ALLOW }),
      ],
    },
  );
  return { onDecide };
}

const button = (name: string) => screen.getByRole('button', { name });
const comment = () => screen.getByRole('textbox', { name: 'Comment' });

describe('ReviewDecisionForm', () => {
  it('is disabled, saying why, without the permission to decide', async () => {
    // usePermission caches answers per request for the whole test file
    // (SWR), so the refusal is about a model of its own.
    const otherModel = 'model:default/aml-transaction-monitoring';
    const authorize = jest.fn((_: EvaluatePermissionRequest) => DENY);
    render({ authorize, modelRef: otherModel });

    expect(
      await screen.findByText(
        'You do not have permission to decide reviews of this model.',
      ),
    ).toBeInTheDocument();
    for (const name of ['Approve', 'Request changes', 'Reject']) {
      expect(button(name)).toBeDisabled();
    }
    expect(comment()).toBeDisabled();
    // The check is the resource permission on the model's entity.
    expect(authorize).toHaveBeenCalledWith(
      expect.objectContaining({
        permission: expect.objectContaining({
          name: 'model-hub.review.decide',
        }),
        resourceRef: otherModel,
      }),
    );
  });

  it('is disabled for the publisher of the version (four eyes)', async () => {
    render({ user: publisher });

    expect(
      await screen.findByText(
        'Four eyes: you published version 3.2.0, so someone else must review it.',
      ),
    ).toBeInTheDocument();
    expect(button('Approve')).toBeDisabled();
    expect(button('Reject')).toBeDisabled();
  });

  it('is disabled for the requester of the review (four eyes)', async () => {
    render({ user: requester });

    expect(
      await screen.findByText(
        'Four eyes: you requested this review, so someone else must decide it.',
      ),
    ).toBeInTheDocument();
    expect(button('Approve')).toBeDisabled();
  });

  it("is disabled, saying why, when the backend's separation of duties refuses the reviewer", async () => {
    const reason =
      'user:default/mia is a member of group:default/credit-risk, which owns the model; Severe models are validated outside their owning team';
    const { onDecide } = render({
      review: {
        ...openReview,
        yourEligibility: { canDecide: false, reason },
      },
    });

    expect(await screen.findByText(reason)).toBeInTheDocument();
    for (const name of ['Approve', 'Request changes', 'Reject']) {
      expect(button(name)).toBeDisabled();
      // Screen readers read the reason with the button.
      expect(button(name)).toHaveAccessibleDescription(reason);
    }
    expect(comment()).toBeDisabled();
    fireEvent.click(button('Approve'));
    expect(onDecide).not.toHaveBeenCalled();
  });

  it('is enabled when the backend says the reviewer may decide', async () => {
    const { onDecide } = render({
      review: { ...openReview, yourEligibility: { canDecide: true } },
    });

    await waitFor(() => expect(button('Approve')).toBeEnabled());
    expect(
      screen.queryByText(/may not decide|owns the model/),
    ).not.toBeInTheDocument();
    fireEvent.click(button('Approve'));
    await waitFor(() =>
      expect(onDecide).toHaveBeenCalledWith({
        decision: 'APPROVED',
        comment: undefined,
      }),
    );
  });

  it('takes no decision on a review that waits for the publisher', async () => {
    render({
      review: {
        ...openReview,
        state: 'WAITING_FOR_FEEDBACK',
        decisions: [
          {
            reviewer: 'user:default/li',
            decision: 'CHANGES_REQUESTED',
            comment: 'Add the fairness evaluation',
            decidedAt: '2026-11-22T14:30:00.000Z',
          },
        ],
      },
    });

    expect(
      await screen.findByText(/Changes were requested: this review takes no/),
    ).toBeInTheDocument();
    expect(button('Approve')).toBeDisabled();
  });

  it('approves with the comment when allowed', async () => {
    const { onDecide } = render({});

    await waitFor(() => expect(button('Approve')).toBeEnabled());
    fireEvent.change(comment(), {
      target: { value: '  Validation report checked  ' },
    });
    fireEvent.click(button('Approve'));

    await waitFor(() =>
      expect(onDecide).toHaveBeenCalledWith({
        decision: 'APPROVED',
        comment: 'Validation report checked',
      }),
    );
    expect(
      await screen.findByText('Your decision was recorded.'),
    ).toBeInTheDocument();
    expect(comment()).toHaveValue('');
  });

  it('needs a comment to reject or request changes', async () => {
    const { onDecide } = render({});

    await waitFor(() => expect(button('Approve')).toBeEnabled());
    expect(button('Reject')).toBeDisabled();
    expect(button('Request changes')).toBeDisabled();
    expect(
      screen.getByText(/Required to request changes or reject/),
    ).toBeInTheDocument();

    fireEvent.change(comment(), {
      target: { value: 'PD calibration drifts on thin-file applicants' },
    });
    fireEvent.click(button('Request changes'));
    await waitFor(() =>
      expect(onDecide).toHaveBeenCalledWith({
        decision: 'CHANGES_REQUESTED',
        comment: 'PD calibration drifts on thin-file applicants',
      }),
    );
  });

  it('does not offer a second approval by the same reviewer', async () => {
    render({ user: 'user:default/li' });

    expect(
      await screen.findByText(/You already approved this review/),
    ).toBeInTheDocument();
    expect(button('Approve')).toBeDisabled();
  });

  it("shows the backend's refusal and keeps the comment", async () => {
    const conflict = await backendError(
      409,
      'ConflictError',
      'Version 3.2.0 cannot be approved: evidence missing: independentValidation',
    );
    const onDecide = jest.fn(async () => {
      throw conflict;
    });
    render({ onDecide });

    await waitFor(() => expect(button('Approve')).toBeEnabled());
    fireEvent.change(comment(), { target: { value: 'Looks good to me' } });
    fireEvent.click(button('Approve'));

    expect(
      await screen.findByText(
        'Version 3.2.0 cannot be approved: evidence missing: independentValidation',
      ),
    ).toBeInTheDocument();
    expect(screen.getByRole('alert')).toHaveTextContent(
      'The decision was not recorded',
    );
    expect(comment()).toHaveValue('Looks good to me');
    expect(button('Approve')).toBeEnabled();
  });
});
