// Date-times from outside: JavaScript's Date quietly rolls impossible calendar dates over
// (2026-02-30 becomes March 2nd, 24:00 the next day); a record or event stamped with one must be
// reported as unparsable, not stored a few days off.

const CALENDAR = /^(\d{4,6})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?/;

function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** The instant a date-time string names, or null when it names none (unparsable or impossible). */
export function parseTimestamp(text: string): Date | null {
  const date = new Date(text);
  if (Number.isNaN(date.getTime())) return null;
  const parts = CALENDAR.exec(text.trim());
  if (parts) {
    const [year, month, day] = [Number(parts[1]), Number(parts[2]), Number(parts[3])];
    if (month < 1 || month > 12 || day < 1 || day > daysIn(year, month)) return null;
    if (parts[4] !== undefined && (Number(parts[4]) > 23 || Number(parts[5]) > 59 || (parts[6] !== undefined && Number(parts[6]) > 59))) return null;
  }
  return date;
}
