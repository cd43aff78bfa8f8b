export { ModelPicker } from './ModelPicker';
export { modelPickerValidation } from './validation';
export { ModelPickerFieldSchema } from './schema';
export type { ModelPickerProps, ModelPickerUiOptions } from './schema';
export { MODEL_PICKER_FIELD_NAME, modelPickerFormField } from './formField';
