// Rebuilds the bundled demo data: `npx tsx scripts/generate-sample.ts`.
// The output is committed; rerunning with the same settings reproduces it byte for byte.
import { join } from 'node:path';
import { generateSample } from './sample-generator';

const DEMO_FOLDER = join(import.meta.dirname, '..', 'samples', 'nordic-shop');

export const DEMO_SETTINGS = {
  profileCount: 5000,
  seed: 20261101,
  asOf: '2026-11-01',
} as const;

const summary = generateSample({
  ...DEMO_SETTINGS,
  profilesFile: join(DEMO_FOLDER, 'data', 'users.csv'),
  eventsFile: join(DEMO_FOLDER, 'data', 'events.csv'),
});
console.log(`wrote ${summary.profiles} profiles and ${summary.events} events to ${join(DEMO_FOLDER, 'data')}`);
