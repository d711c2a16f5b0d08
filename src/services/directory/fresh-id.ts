/** Retries `create` with fresh ids on the (astronomically rare) collision. */
export async function withFreshId<T>(make: () => T, create: (value: T) => Promise<void>, isConflict: (e: unknown) => boolean): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    const value = make();
    try {
      await create(value);
      return value;
    } catch (e) {
      if (!isConflict(e) || attempt >= 4) throw e;
    }
  }
}
