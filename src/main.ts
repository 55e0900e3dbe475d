// Entry point: hands the command line to the app's CLI dispatcher.
import { runCli } from './app/cli';

const status = await runCli(process.argv.slice(2));
process.exitCode = status;
