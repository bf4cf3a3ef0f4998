import { describe, expect, it } from 'vitest';
import { describeOutsideOpening, hoursOutsideOpening } from './hours-within-opening';

const opening = [
  { weekday: 1, start: '09:00', end: '12:00' },
  { weekday: 1, start: '12:00', end: '17:00' },
  { weekday: 2, start: '08:00', end: '12:00' },
  { weekday: 2, start: '13:00', end: '24:00' },
];

describe('hoursOutsideOpening', () => {
  it('accepts hours inside the opening hours, also across two touching windows and up to midnight', () => {
    const hours = [
      { weekday: 1, start: '09:00', end: '17:00' },
      { weekday: 2, start: '13:30', end: '24:00' },
    ];
    expect(hoursOutsideOpening(hours, opening)).toEqual([]);
  });

  it('reports the closed parts of each window and what is open that day', () => {
    const hours = [
      { weekday: 1, start: '07:30', end: '18:00' },
      { weekday: 2, start: '11:00', end: '14:00' },
      { weekday: 7, start: '10:00', end: '12:00' },
    ];
    const v = hoursOutsideOpening(hours, opening);
    expect(v.map((x) => x.index)).toEqual([0, 1, 2]);
    expect(v[0]!.closedParts).toEqual(['07:30–09:00', '17:00–18:00']);
    expect(v[0]!.openThatDay).toEqual(['09:00–17:00']);
    expect(v.map((x) => x.startsClosed)).toEqual([true, false, true]);
    expect(describeOutsideOpening(v[1]!)).toBe('Tuesday 12:00–13:00 (open 08:00–12:00, 13:00–24:00)');
    expect(describeOutsideOpening(v[2]!)).toBe('Sunday 10:00–12:00 (closed all day)');
  });
});
