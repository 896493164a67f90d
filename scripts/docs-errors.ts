// Writes docs/errors.md from the error registry.
import { writeFileSync } from 'node:fs';
import { renderErrorReference } from '@yunying/contracts';

writeFileSync(new URL('../docs/errors.md', import.meta.url), renderErrorReference());
console.log('wrote docs/errors.md');
