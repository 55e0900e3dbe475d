// md5sum: `<hex>  <name>` per input (stdin shows `-`); -c verifies a checksum list.

import { defineChecksumCommand } from './lib/checksum-command';
import { md5Hex } from './lib/md5';

export const md5sum = defineChecksumCommand({ name: 'md5sum', hexLength: 32, hexOf: md5Hex });
