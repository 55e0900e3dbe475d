// sha256sum: `<hex>  <name>` per input (stdin shows `-`); -c verifies a checksum list.

import { defineChecksumCommand } from './lib/checksum-command';
import { sha256Hex } from './lib/sha256';

export const sha256sum = defineChecksumCommand({ name: 'sha256sum', hexLength: 64, hexOf: sha256Hex });
