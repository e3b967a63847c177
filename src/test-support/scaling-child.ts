/**
 * Runs one named workload's scaling measurement in a process of its own and prints it as JSON: a fresh
 * heap, so the measurement is about the code under test, not the test runner's own memory.
 * Usage: node --import tsx scaling-child.ts NAME N FACTOR
 */
import { measureScaling } from './scaling';
import { WORKLOADS } from './workloads';

const [name = '', n = '0', factor = '10'] = process.argv.slice(2);
const w = WORKLOADS[name];
if (!w) throw new Error(`no workload "${name}"`);
const result = await measureScaling((k) => w.make(k), (input) => w.work(input), Number(n), Number(factor));
process.stdout.write(`${JSON.stringify(result)}\n`);
