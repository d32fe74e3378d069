/**
 * Login throttling: after `limit` failed sign-ins for one key (a user name, or an address)
 * within the window, further attempts on that key are refused until the window has passed.
 */
export class LoginThrottle {
  private readonly failures = new Map<string, number[]>();
  constructor(private readonly windowMs = 15 * 60_000) {}

  private recent(key: string, now: number): number[] {
    const list = (this.failures.get(key) ?? []).filter((t) => now - t < this.windowMs);
    this.failures.set(key, list);
    return list;
  }

  isThrottled(keys: { key: string; limit: number }[], now = Date.now()): boolean {
    return keys.some((k) => this.recent(k.key, now).length >= k.limit);
  }

  recordFailure(keys: { key: string }[], now = Date.now()): void {
    for (const k of keys) this.recent(k.key, now).push(now);
  }

  clear(keys: { key: string }[]): void {
    for (const k of keys) this.failures.delete(k.key);
  }
}
