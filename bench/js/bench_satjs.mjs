// bench_satjs.mjs - satellite.js (npm) as a peer of `orbwatch bench sgp4`.
//
// Usage: node bench_satjs.mjs CATALOG [MINUTES [REPEAT]]
// Propagates every element set of CATALOG (2-line or 3-line TLE) at
// tsince = 0, 1, ... MINUTES-1 minutes from its own epoch with satellite.js's
// sgp4(satrec, tsince) (the JavaScript port of Vallado's code, WGS-72,
// 'improved' mode as twoline2satrec sets it), one thread, and prints one
// JSON object with the same keys as `orbwatch bench sgp4 --json`. The time
// is the best of REPEAT runs (default 2).
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { twoline2satrec, sgp4 } from 'satellite.js';

const [path, minArg, repArg] = process.argv.slice(2);
if (!path) {
  console.error('usage: node bench_satjs.mjs CATALOG [MINUTES [REPEAT]]');
  process.exit(2);
}
const minutes = minArg ? Number(minArg) : 1440;
const repeat = repArg ? Number(repArg) : 2;

const lines = readFileSync(path, 'utf8').replace(/^\uFEFF/, '').split(/\r?\n/);
const sats = [];
for (let i = 0; i + 1 < lines.length; i++) {
  if (lines[i].startsWith('1 ') && lines[i + 1].startsWith('2 ')) {
    sats.push(twoline2satrec(lines[i], lines[i + 1]));
    i++;
  }
}

let best = Infinity;
let sink = 0;
for (let r = 0; r < repeat; r++) {
  const t0 = process.hrtime.bigint();
  for (const s of sats) {
    for (let k = 0; k < minutes; k++) {
      const pv = sgp4(s, k);
      if (pv && pv.position) sink += pv.position.x;
    }
  }
  const sec = Number(process.hrtime.bigint() - t0) / 1e9;
  if (sec < best) best = sec;
}
// the package's exports hide package.json: read it from node_modules
const here = dirname(fileURLToPath(import.meta.url));
const version = JSON.parse(readFileSync(
  join(here, 'node_modules', 'satellite.js', 'package.json'), 'utf8')).version;
const props = sats.length * minutes;
console.log(JSON.stringify({
  bench: 'sgp4', engine: 'satellite.js', version, isa: 'node',
  threads: 1, objects: sats.length, times: minutes, props,
  seconds: Number(best.toFixed(6)), props_per_s: Math.round(props / best),
  repeats: repeat, checksum_finite: Number.isFinite(sink),
}));
