import { describe, expect, it } from 'vitest';
import { formatCountdown } from './time';

describe('formatCountdown (what a hold has left)', () => {
  const now = Date.parse('2026-12-01T10:00:00Z');
  it('shows minutes and seconds under an hour', () => {
    expect(formatCountdown(now + (14 * 60 + 52) * 1000, now)).toBe('14:52');
    expect(formatCountdown(now + 5_000, now)).toBe('0:05');
  });
  it('shows hours once the hold is an hour or longer, not thousands of minutes', () => {
    expect(formatCountdown(now + (37 * 3600 + 22 * 60 + 43) * 1000, now)).toBe('37:22:43');
    expect(formatCountdown(now + 3600_000, now)).toBe('1:00:00');
  });
  it('never goes below zero', () => {
    expect(formatCountdown(now - 60_000, now)).toBe('0:00');
  });
});
