export interface CsvMember {
  id: string;
  displayName: string;
  email?: string | null;
}

/** RFC 4180 field: quoted when it holds a comma, quote or line break; a leading =+-@ is defused for spreadsheets. */
export function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function membersCsv(members: readonly CsvMember[]): string {
  const lines = [['id', 'displayName', 'email'], ...members.map((member) => [member.id, member.displayName, member.email ?? ''])];
  return lines.map((line) => line.map(csvField).join(',')).join('\r\n') + '\r\n';
}

/** A file name from the segment's name: `vip-customers-members.csv`. */
export function csvFileName(segmentName: string): string {
  const slug = segmentName
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return `${slug || 'segment'}-members.csv`;
}
