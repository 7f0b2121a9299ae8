/** The simulator's own request limit: at most `limit` requests per fixed window (600 a minute by default). */
export class RateWindow {
  private started = 0;
  private count = 0;

  constructor(
    public limit = 600,
    public windowMs = 60_000,
    private readonly now = () => Date.now(),
  ) {}

  /** Counts one request: undefined when allowed, else the seconds to wait (`Retry-After`). */
  take(): number | undefined {
    const t = this.now();
    if (t - this.started >= this.windowMs) {
      this.started = t;
      this.count = 0;
    }
    if (this.count < this.limit) {
      this.count++;
      return undefined;
    }
    return Math.max(1, Math.ceil((this.started + this.windowMs - t) / 1000));
  }

  reset(limit = this.limit, windowMs = this.windowMs): void {
    this.limit = limit;
    this.windowMs = windowMs;
    this.started = 0;
    this.count = 0;
  }
}
