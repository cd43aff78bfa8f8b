import { makeFieldSchema } from '@backstage/plugin-scaffolder-react';

/**
 * The `ModelPicker` field: its value is a Model entity ref
 * (`model:default/credit-scoring-pd`), its `ui:options` say which models it
 * offers.
 */
export const ModelPickerFieldSchema = makeFieldSchema({
  output: z => z.string().describe('Entity ref of the chosen Model'),
  uiOptions: z =>
    z.object({
      environment: z
        .string()
        .optional()
        .describe(
          'Only offer models ready for this environment (approved, not drifting there), e.g. production',
        ),
      allowUnready: z
        .boolean()
        .optional()
        .describe(
          'With an environment: offer models not ready for it too, with a warning',
        ),
    }),
});

/** Props of the `ModelPicker` field component. */
export type ModelPickerProps = typeof ModelPickerFieldSchema.TProps;

/** The `ui:options` of the `ModelPicker` field. */
export type ModelPickerUiOptions = NonNullable<
  ModelPickerProps['uiSchema']['ui:options']
>;
