import { readFileSync } from 'node:fs';

/** The package version, printed in reports so a regrade can name what produced a result. */
export const VERSION: string = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
