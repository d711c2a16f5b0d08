/** What `cognate reseal` counts of each kind of sealed value, and how one value's outcome is counted. */
import { isSealed, SealedValueError, type SealPurpose, type Sealer } from '../services/sealing/sealer.ts';

export interface ResealCount {
  /** Sealed anew under the current key. */
  resealed: number;
  /** Of those, how many were in clear. */
  wereClear: number;
  /** Already under the current key. */
  current: number;
  /** Under a key that is not configured: they stay as they are. */
  unopenable: number;
}

export const newCount = (): ResealCount => ({ resealed: 0, wereClear: 0, current: 0, unopenable: 0 });

/** One value: sealed anew (`sealed`, and whether it was in clear), already current, or not opened. */
export type Outcome = { sealed: string; wasClear: boolean } | 'current' | SealedValueError;

/** Resealing `value` under the current key, as an outcome (never throws SealedValueError). */
export function resealOutcome(sealer: Sealer, value: string, purpose: SealPurpose): Outcome {
  try {
    const sealed = sealer.reseal(value, purpose);
    return sealed === undefined ? 'current' : { sealed, wasClear: !isSealed(value) };
  } catch (e) {
    if (!(e instanceof SealedValueError)) throw e;
    return e;
  }
}

/** Counts outcomes into a count, and the ids of the keys that were missing. */
export class Tally {
  readonly missingKeyIds = new Set<string>();

  add(c: ResealCount, o: Outcome): void {
    if (o === 'current') c.current++;
    else if (o instanceof SealedValueError) {
      c.unopenable++;
      this.missingKeyIds.add(o.keyId ?? 'unnamed (v1)');
    } else {
      c.resealed++;
      if (o.wasClear) c.wereClear++;
    }
  }
}
