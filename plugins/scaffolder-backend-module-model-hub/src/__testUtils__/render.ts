import fs from 'node:fs';
import path from 'node:path';
import { databaseKinds } from './scaffolderBackend';

/**
 * With MODEL_HUB_RENDER_DIR set, the template tests write what a dry-run
 * generated to MODEL_HUB_RENDER_DIR/<name> (once, from the first database),
 * for scripts/check-generated-services.sh to install, compile and test.
 */
export function render(
  kind: string,
  name: string,
  files: Record<string, string>,
) {
  const renderDir = process.env.MODEL_HUB_RENDER_DIR;
  if (!renderDir || kind !== databaseKinds()[0]) return;
  for (const [file, content] of Object.entries(files)) {
    const target = path.join(renderDir, name, file);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, content);
  }
}
