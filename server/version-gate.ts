/**
 * One data version per request. A request holds the current version while it runs; switching to a new version
 * waits until no request holds one, and requests that arrive meanwhile wait for the switch. So a request reads
 * one version of every store from its start to its end, and a switch costs new requests a short wait (the
 * longest request in flight, then the switch itself), never a mixed answer.
 */
export class VersionGate<Version> {
  private holders = 0;
  /** Settles when the switch in progress has finished; undefined when none is. */
  private switching: Promise<void> | undefined;
  private whenIdle: (() => void) | undefined;

  constructor(private current: Version) {}

  /** The version new requests get; for callers outside a request (logs, readiness). */
  get version(): Version {
    return this.current;
  }

  /** Holds the current version until `release` is called (once; later calls do nothing). */
  async hold(): Promise<{ version: Version; release: () => void }> {
    while (this.switching) await this.switching;
    this.holders++;
    let released = false;
    return {
      version: this.current,
      release: () => {
        if (released) return;
        released = true;
        this.holders--;
        if (this.holders === 0) this.whenIdle?.();
      },
    };
  }

  /**
   * Runs `change` once no request holds a version, with new requests waiting, and makes its result the current
   * version. When `change` fails, the current version stays.
   */
  async switchTo(change: () => Promise<Version>): Promise<void> {
    while (this.switching) await this.switching;
    let finished = () => {};
    this.switching = new Promise((resolve) => {
      finished = resolve;
    });
    try {
      if (this.holders > 0) {
        await new Promise<void>((resolve) => {
          this.whenIdle = resolve;
        });
      }
      this.current = await change();
    } finally {
      this.whenIdle = undefined;
      this.switching = undefined;
      finished();
    }
  }
}
