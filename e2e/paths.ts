import * as path from 'path';

/** The package's root (this file lives in <root>/e2e). */
export const PROJECT_ROOT = path.resolve(__dirname, '..');
/** What `npm run build` produces and what n8n loads as custom extensions. */
export const DIST = path.join(PROJECT_ROOT, 'dist');
/** Screenshots and n8n logs of e2e runs; ignored by git. */
export const ARTIFACTS = path.join(PROJECT_ROOT, 'e2e', 'artifacts');
