// true: do nothing, successfully.

import { defineCommand } from './lib/dialect';

export const trueCmd = defineCommand('true', async () => 0);
