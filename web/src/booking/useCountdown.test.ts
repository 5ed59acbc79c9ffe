// @vitest-environment jsdom
import { act, renderHook } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useCountdown } from './useCountdown';

describe('useCountdown (the hold timer)', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date('2026-12-01T10:00:00Z'));
  });
  afterEach(() => vi.useRealTimers());

  it('ticks down every second and stops at the end', () => {
    const { result } = renderHook(() => useCountdown('2026-12-01T10:14:52Z'));
    expect(result.current).toBe('14:52');
    act(() => void vi.advanceTimersByTime(1000));
    expect(result.current).toBe('14:51');
    act(() => void vi.advanceTimersByTime(14 * 60_000 + 51_000));
    expect(result.current).toBeNull();
  });

  it('shows nothing without a deadline', () => {
    expect(renderHook(() => useCountdown(null)).result.current).toBeNull();
  });
});
