/**
 * The regimes this build knows. A case records the id of the regime it runs under, so ids are
 * permanent: a later regime is added beside the old ones, never swapped in under the same id.
 */
import { CN_2017, TEXT_GAPS as CN_2017_GAPS } from './profiles/cn-2017.ts';
import { TEST_CLOCKS } from './profiles/test-clocks.ts';
import type { TextGaps } from './text-gap.ts';
import type { Bilingual, RegimeProfile } from './types.ts';
import { validateRegime } from './validate.ts';

export const DEFAULT_REGIME_ID = 'cn-2017-interim';

interface RegimeEntry {
  profile: RegimeProfile;
  textGaps: TextGaps;
}

// Validated on load: a broken profile must stop the process at start-up, not mid-case.
const REGISTRY: ReadonlyMap<string, RegimeEntry> = new Map(
  [
    { profile: CN_2017, textGaps: CN_2017_GAPS },
    // Built on the 2017 articles, so it shares their gaps.
    { profile: TEST_CLOCKS, textGaps: CN_2017_GAPS },
  ].map((e) => [validateRegime(e.profile).id, e]),
);

export class UnknownRegimeError extends Error {
  readonly code = 'unknown_regime';
  constructor(readonly regimeId: string) {
    super(`unknown regime '${regimeId}'; known: ${[...REGISTRY.keys()].join(', ')}`);
    this.name = 'UnknownRegimeError';
  }
}

export function findRegime(id: string): RegimeProfile | undefined {
  return REGISTRY.get(id)?.profile;
}

export function getRegime(id: string = DEFAULT_REGIME_ID): RegimeProfile {
  const found = findRegime(id);
  if (!found) throw new UnknownRegimeError(id);
  return found;
}

export interface RegimeSummary {
  id: string;
  title: Bilingual;
  effectiveFrom: string;
  isDefault: boolean;
  /** Stages that run a working-day clock under this regime. */
  clockedStages: string[];
}

export function listRegimes(): RegimeSummary[] {
  return [...REGISTRY.values()].map(({ profile: p }) => ({
    id: p.id,
    title: p.title,
    effectiveFrom: p.effectiveFrom,
    isDefault: p.id === DEFAULT_REGIME_ID,
    clockedStages: Object.keys(p.clocks),
  }));
}

/** Known gaps in the statute text a registered regime was built from (none for unknown ids). */
export function textGapsFor(id: string): TextGaps {
  return REGISTRY.get(id)?.textGaps ?? {};
}
