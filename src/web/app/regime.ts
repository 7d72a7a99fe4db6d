import { useEffect, useState } from 'preact/hooks';
import { api } from './api.ts';
import { locale } from './i18n/index.ts';
import type { Regime } from './types.ts';

export const DEFAULT_REGIME = 'cn-2017-interim';
const cache = new Map<string, Promise<Regime>>();

/** Art. 4 categories, sectors and methods come from the regime profile, in both languages. */
export function useRegime(id: string = DEFAULT_REGIME): Regime | null {
  const [r, setR] = useState<Regime | null>(null);
  useEffect(() => {
    let p = cache.get(id);
    if (!p) {
      p = api<Regime>('GET', `/api/v1/regimes/${encodeURIComponent(id)}`);
      cache.set(id, p);
      p.catch(() => cache.delete(id));
    }
    let live = true;
    p.then((x) => live && setR(x)).catch(() => undefined);
    return () => {
      live = false;
    };
  }, [id]);
  return r;
}

export function bilingual(l: Record<string, string> | undefined, fallback: string): string {
  return l?.[locale()] ?? l?.en ?? fallback;
}

export function sectorLabel(r: Regime | null, id: string | null): string {
  if (!id) return '—';
  return bilingual(r?.sectors.find((s) => s.id === id)?.label, id);
}

export function categoryLabel(r: Regime | null, id: number): string {
  return bilingual(r?.categories.find((c) => c.id === id)?.label, String(id));
}
