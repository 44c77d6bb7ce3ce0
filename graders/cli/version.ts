import { existsSync, readFileSync } from 'node:fs';

// The bundle (dist/cli.js) sits one folder below package.json, this source file two.
const bundled = new URL('../package.json', import.meta.url);
const manifest = existsSync(bundled) ? bundled : new URL('../../package.json', import.meta.url);

/** The package version, printed in reports so a regrade can name what produced a result. */
export const VERSION: string = (JSON.parse(readFileSync(manifest, 'utf8')) as { version: string }).version;
