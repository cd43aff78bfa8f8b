export { ModelCardContent } from './ModelCardContent';
export { modelCardMarkdown } from './modelCardMarkdown';
export type { ModelCardMarkdownOptions } from './modelCardMarkdown';
