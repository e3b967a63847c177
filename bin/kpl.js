#!/usr/bin/env node
// `kpl`: the Kube Packet Lab engine on the command line. The engine is TypeScript; tsx loads it as is.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2), {
  stdout: (s) => process.stdout.write(s),
  stderr: (s) => process.stderr.write(s),
});
