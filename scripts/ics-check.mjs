// Parses calendar files with ical.js, an implementation independent of the Go
// library that wrote them, and checks what lotse promises of a booking's
// .ics: CRLF lines, one VEVENT with UID, DTSTAMP, SEQUENCE and UTC times, an
// end after the start, and METHOD:CANCEL exactly when STATUS is CANCELLED.
// usage: node scripts/ics-check.mjs NPM_DIR FILE.ics [FILE.ics ...]; exit 1 on
// the first file that fails.
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

const [npmDir, ...files] = process.argv.slice(2);
const ICAL = createRequire(resolve(npmDir, 'package.json'))('ical.js');
if (files.length === 0) { console.error('ics-check: no files'); process.exit(1); }
for (const file of files) {
  try {
    const text = readFileSync(file, 'utf8');
    if (/[^\r]\n/.test(text)) throw new Error('a line ends without CR');
    const cal = new ICAL.Component(ICAL.parse(text));
    if (cal.name !== 'vcalendar') throw new Error('root is not VCALENDAR');
    const method = cal.getFirstPropertyValue('method');
    const events = cal.getAllSubcomponents('vevent');
    if (events.length !== 1) throw new Error(`expected one VEVENT, got ${events.length}`);
    const vevent = events[0];
    for (const p of ['uid', 'dtstamp', 'dtstart', 'dtend', 'sequence']) {
      if (!vevent.hasProperty(p)) throw new Error(`missing ${p.toUpperCase()}`);
    }
    const ev = new ICAL.Event(vevent);
    const utc = ICAL.Timezone.utcTimezone;
    if (ev.startDate.zone !== utc || ev.endDate.zone !== utc) throw new Error('DTSTART or DTEND not in UTC');
    if (ev.endDate.compare(ev.startDate) <= 0) throw new Error('DTEND is not after DTSTART');
    const status = vevent.getFirstPropertyValue('status');
    if ((method === 'CANCEL') !== (status === 'CANCELLED')) throw new Error(`METHOD ${method} with STATUS ${status}`);
    console.log(JSON.stringify({ file, method, uid: ev.uid, sequence: ev.sequence, start: ev.startDate.toString(), end: ev.endDate.toString() }));
  } catch (e) {
    console.error(`ics-check: ${file}: ${e.message}`);
    process.exit(1);
  }
}
