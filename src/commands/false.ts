// false: do nothing, unsuccessfully.

import { defineCommand } from './lib/dialect';

export const falseCmd = defineCommand('false', async () => 1);
