/**
 * node:sqlite is synchronous and has one connection, so a transaction that awaits (a trigger,
 * a delivery) must keep every other caller out until it ends, or their statements would join
 * it. The gate is that exclusion: calls outside a transaction wait while one is open.
 */
export class Gate {
  #open: Promise<void> | null = null;

  async enter(): Promise<() => void> {
    while (this.#open) await this.#open;
    let release!: () => void;
    this.#open = new Promise<void>((r) => (release = r));
    return () => {
      this.#open = null;
      release();
    };
  }

  /** Resolves when no transaction is open. */
  async idle(): Promise<void> {
    while (this.#open) await this.#open;
  }

  get busy(): boolean {
    return this.#open !== null;
  }
}
