import { describe, expect, it } from 'vitest';
import { csvField, csvFileName, membersCsv } from '../src/features/segments/membersCsv';

describe('members CSV', () => {
  it('writes a header and one line per member, quoting where needed', () => {
    expect(
      membersCsv([
        { id: 'p1', displayName: 'Ada Lovelace', email: 'ada@analytical-engines.co.uk' },
        { id: 'p2', displayName: 'Hopper, "Amazing" Grace', email: null },
      ]),
    ).toBe('id,displayName,email\r\np1,Ada Lovelace,ada@analytical-engines.co.uk\r\np2,"Hopper, ""Amazing"" Grace",\r\n');
  });

  it('defuses spreadsheet formulas and keeps line breaks inside quotes', () => {
    expect(csvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvField('a\nb')).toBe('"a\nb"');
  });

  it('names the file after the segment', () => {
    expect(csvFileName('VIP customers (EU)')).toBe('vip-customers-eu-members.csv');
    expect(csvFileName('★')).toBe('segment-members.csv');
  });
});
