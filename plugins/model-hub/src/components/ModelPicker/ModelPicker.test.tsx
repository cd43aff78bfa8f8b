import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import {
  renderInTestApp,
  TestApiProvider,
  TestApiRegistry,
} from '@backstage/test-utils';
import { createExtensionTester } from '@backstage/frontend-test-utils';
import { getComponentData } from '@backstage/core-plugin-api';
import {
  createFieldValidation,
  FormFieldBlueprint,
} from '@backstage/plugin-scaffolder-react/alpha';
import { ModelStatus, modelHubApiRef } from '../../api/ModelHubApi';
import { modelHubPlugin } from '../../plugin';
import { ModelPickerFieldExtension } from '../../legacy';
import { ModelPicker } from './ModelPicker';
import { modelPickerValidation } from './validation';
import type { ModelPickerProps, ModelPickerUiOptions } from './schema';
import {
  creditStatus,
  driftingStatus,
  fakeApi,
  unapprovedStatus,
} from './testData';

async function renderPicker(
  uiOptions: ModelPickerUiOptions = {},
  formData?: string,
) {
  const fake = fakeApi();
  const onChange = jest.fn();
  // Only the props the field reads; the rest is rjsf's business.
  const props = {
    onChange,
    formData,
    required: true,
    rawErrors: [],
    schema: { type: 'string', title: 'Model' },
    uiSchema: { 'ui:field': 'ModelPicker', 'ui:options': uiOptions },
    idSchema: { $id: 'root_model' },
  } as unknown as ModelPickerProps;
  await renderInTestApp(
    <TestApiProvider apis={[[modelHubApiRef, fake.api]]}>
      <ModelPicker {...props} />
    </TestApiProvider>,
  );
  return { ...fake, onChange };
}

/** Types into the box and waits for the options of the server's answer. */
async function typeAndOpen(text: string) {
  fireEvent.change(screen.getByRole('textbox'), { target: { value: text } });
  return screen.findByRole('listbox');
}

describe('ModelPicker', () => {
  it('shows each model with its ref, risk, approval, drift and latest approved version in words', async () => {
    await renderPicker();
    const list = await typeAndOpen('c');
    const option = (
      await within(list).findByText('Consumer credit probability of default')
    ).closest('li')!;
    const credit = within(option);
    expect(credit.getByText('model:default/credit-scoring-pd')).toBeVisible();
    expect(credit.getByText('High')).toBeInTheDocument();
    expect(credit.getByText('Approved')).toBeInTheDocument();
    expect(credit.getByText('ok')).toBeInTheDocument();
    expect(credit.getByText(/Latest approved: 3\.2\.0/)).toBeInTheDocument();

    const price = within(
      within(list)
        .getByText('Day-ahead electricity price forecast')
        .closest('li')!,
    );
    expect(price.getByText('Severe')).toBeInTheDocument();
    expect(price.getByText('Waiting for approval')).toBeInTheDocument();
    expect(price.getByText('no reports')).toBeInTheDocument();
    expect(price.getByText(/Latest approved: none/)).toBeInTheDocument();
  });

  it('searches on the server as the user types, 20 at a time', async () => {
    const { listModels, onChange } = await renderPicker();
    await waitFor(() =>
      expect(listModels).toHaveBeenCalledWith({ search: undefined, limit: 20 }),
    );
    const list = await typeAndOpen('credit');
    await waitFor(() =>
      expect(listModels).toHaveBeenLastCalledWith({
        search: 'credit',
        limit: 20,
      }),
    );
    await waitFor(() =>
      expect(
        within(list).queryByText('Day-ahead electricity price forecast'),
      ).not.toBeInTheDocument(),
    );
    fireEvent.click(
      within(list).getByText('Consumer credit probability of default'),
    );
    expect(onChange).toHaveBeenCalledWith('model:default/credit-scoring-pd');
  });

  it('shows the title of a model already chosen', async () => {
    await renderPicker({}, 'model:default/credit-scoring-pd');
    await waitFor(() =>
      expect(screen.getByRole('textbox')).toHaveValue(
        'Consumer credit probability of default',
      ),
    );
  });

  it('offers only models ready for the environment of ui:options', async () => {
    const { listModels } = await renderPicker({ environment: 'production' });
    const list = await typeAndOpen('e');
    await waitFor(() =>
      expect(listModels).toHaveBeenLastCalledWith({
        search: 'e',
        limit: 20,
        readyFor: 'production',
      }),
    );
    expect(
      await within(list).findByText('Consumer credit probability of default'),
    ).toBeInTheDocument();
    expect(
      within(list).queryByText('Day-ahead electricity price forecast'),
    ).not.toBeInTheDocument();
    for (const [query] of listModels.mock.calls) {
      expect(query.readyFor).toBe('production');
    }
  });

  it('with allowUnready, offers unready models too, with a warning', async () => {
    const { listModels } = await renderPicker({
      environment: 'production',
      allowUnready: true,
    });
    const list = await typeAndOpen('e');
    await waitFor(() =>
      expect(listModels).toHaveBeenCalledWith({ search: 'e', limit: 20 }),
    );
    expect(listModels).toHaveBeenCalledWith({
      search: 'e',
      limit: 20,
      readyFor: 'production',
    });
    const price = within(
      (
        await within(list).findByText('Day-ahead electricity price forecast')
      ).closest('li')!,
    );
    expect(
      price.getByText('Warning: no approved version: not ready for production'),
    ).toBeInTheDocument();
    const credit = within(
      within(list)
        .getByText('Consumer credit probability of default')
        .closest('li')!,
    );
    expect(credit.queryByText(/Warning/)).not.toBeInTheDocument();
  });
});

describe('modelPickerValidation', () => {
  async function validate(
    value: string,
    statuses: ModelStatus[],
    uiOptions?: ModelPickerUiOptions,
  ) {
    const { api, getStatuses } = fakeApi(statuses);
    const validation = createFieldValidation();
    await modelPickerValidation(value, validation, {
      apiHolder: TestApiRegistry.from([modelHubApiRef, api]),
      formData: { model: value },
      schema: { type: 'string' },
      uiSchema: { 'ui:field': 'ModelPicker', 'ui:options': uiOptions },
    });
    expect(getStatuses).toHaveBeenCalledWith([value]);
    return validation.__errors ?? [];
  }
  const ref = 'model:default/credit-scoring-pd';
  const production = { environment: 'production' };

  it('passes an approved model that does not drift in the environment', async () => {
    // It drifts a little in staging ("warning"), not in production.
    expect(await validate(ref, [creditStatus], production)).toEqual([]);
  });

  it('says what to do about a model without an approved version', async () => {
    expect(await validate(ref, [unapprovedStatus], production)).toEqual([
      'credit-scoring-pd has no approved version: choose another model or ask its owners to request a review',
    ]);
  });

  it('refuses a model that drifts in the environment', async () => {
    const errors = await validate(ref, [driftingStatus], production);
    expect(errors).toEqual([
      expect.stringContaining('credit-scoring-pd drifts in production'),
    ]);
    expect(
      await validate(ref, [driftingStatus], { environment: 'staging' }),
    ).toEqual([]);
  });

  it('refuses a deprecated or retired model, as the backend does', async () => {
    expect(
      await validate(
        ref,
        [{ ...creditStatus, lifecycle: 'deprecated' } as ModelStatus],
        production,
      ),
    ).toEqual([
      'credit-scoring-pd is deprecated, so not for production: choose its successor or another model',
    ]);
    expect(
      await validate(
        ref,
        [{ ...creditStatus, lifecycle: 'retired' } as ModelStatus],
        {
          environment: 'staging',
        },
      ),
    ).toEqual([
      'credit-scoring-pd is retired, so not for staging: choose its successor or another model',
    ]);
  });

  it('gives every reason at once, and refuses a prohibited model', async () => {
    expect(
      await validate(
        ref,
        [
          {
            ...driftingStatus,
            latestApprovedVersion: undefined,
            regulatoryCategory: 'unacceptable',
          } as ModelStatus,
        ],
        production,
      ),
    ).toEqual([
      'credit-scoring-pd is in the EU AI Act category unacceptable (a prohibited practice): choose another model',
      'credit-scoring-pd has no approved version: choose another model or ask its owners to request a review',
      expect.stringContaining('credit-scoring-pd drifts in production'),
    ]);
  });

  it('checks readiness only when ui:options has an environment and no allowUnready', async () => {
    expect(await validate(ref, [unapprovedStatus])).toEqual([]);
    expect(
      await validate(ref, [unapprovedStatus], {
        ...production,
        allowUnready: true,
      }),
    ).toEqual([]);
  });

  it('refuses a model that is not in the catalog', async () => {
    expect(await validate('model:default/gone', [], production)).toEqual([
      'gone is not a model in the catalog, or you may not see it: choose another model',
    ]);
  });
});

describe('ModelPicker registration', () => {
  it('is a form field of the new frontend system named ModelPicker', async () => {
    // Looked up in the plugin by its id: the plugin provides it.
    const tester = createExtensionTester(
      modelHubPlugin.getExtension(
        'scaffolder-form-field:model-hub/model-picker',
      ),
    );
    const loader = tester.get(FormFieldBlueprint.dataRefs.formFieldLoader);
    const field = (await loader()) as unknown as Record<string, unknown>;
    expect(field.$$type).toBe('@backstage/scaffolder/FormField');
    expect(field.name).toBe('ModelPicker');
    expect(field.component).toBe(ModelPicker);
    expect(field.validation).toBe(modelPickerValidation);
  });

  it('is a field extension of legacy apps named ModelPicker', () => {
    const options = getComponentData<{ name: string; validation: unknown }>(
      <ModelPickerFieldExtension />,
      'scaffolder.extensions.field.v1',
    );
    expect(options?.name).toBe('ModelPicker');
    expect(options?.validation).toBe(modelPickerValidation);
  });
});
