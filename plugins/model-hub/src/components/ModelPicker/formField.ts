import { createFormField } from '@backstage/plugin-scaffolder-react/alpha';
import { ModelPicker } from './ModelPicker';
import { ModelPickerFieldSchema } from './schema';
import { modelPickerValidation } from './validation';

/** The name templates use: `ui:field: ModelPicker`. */
export const MODEL_PICKER_FIELD_NAME = 'ModelPicker';

/** The `ModelPicker` field for the new frontend system's FormFieldBlueprint. */
export const modelPickerFormField = createFormField({
  name: MODEL_PICKER_FIELD_NAME,
  component: ModelPicker,
  schema: ModelPickerFieldSchema,
  validation: modelPickerValidation,
});
