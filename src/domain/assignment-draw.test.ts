import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { checkDraw, DRAW_ALGORITHM, drawIndex, sortEligible } from './assignment-draw.ts';

const SEED = '00'.repeat(31) + '01';
const CASE = '6f1c2a4e-0000-4000-8000-000000000001';
const ids = ['c0000000-0000-4000-8000-000000000003', 'A0000000-0000-4000-8000-000000000001', 'b0000000-0000-4000-8000-000000000002'];

describe('assessor draw (Art. 11)', () => {
  it('is HMAC-SHA256(seed, case id) mod n, computed independently here', () => {
    const h = createHmac('sha256', Buffer.from(SEED, 'hex')).update(CASE).digest();
    let v = 0n;
    for (const b of h) v = (v << 8n) | BigInt(b);
    for (const n of [1, 2, 3, 7, 1000]) expect(drawIndex(SEED, CASE, n)).toBe(Number(v % BigInt(n)));
  });

  it('sorts and de-duplicates the eligible list in lower case', () => {
    expect(sortEligible([...ids, ids[0]!])).toEqual([ids[1]!.toLowerCase(), ids[2], ids[0]]);
  });

  it('spreads picks over the list', () => {
    const counts = [0, 0, 0];
    for (let i = 0; i < 300; i++) counts[drawIndex(i.toString(16).padStart(64, '0'), CASE, 3)]!++;
    for (const c of counts) expect(c).toBeGreaterThan(60);
  });

  it('reproduces a faithful record and names each alteration', () => {
    const eligible = sortEligible(ids);
    const pickIndex = drawIndex(SEED, CASE, 3);
    const good = { algorithm: DRAW_ALGORITHM, seed: SEED, caseId: CASE, eligible, pickIndex, pickedOrgId: eligible[pickIndex]! };
    expect(checkDraw(good)).toEqual([]);
    const other = eligible[(pickIndex + 1) % 3]!;
    expect(checkDraw({ ...good, pickedOrgId: other }).join()).toMatch(/the seed picks/);
    expect(checkDraw({ ...good, eligible: [...eligible].reverse() }).join()).toMatch(/not the sorted list/);
    expect(checkDraw({ ...good, algorithm: 'v0' })).toEqual(['unknown algorithm "v0"']);
    expect(checkDraw({ ...good, seed: 'zz' }).join()).toMatch(/64 lower-case hex/);
  });

  it('refuses an empty list', () => {
    expect(() => drawIndex(SEED, CASE, 0)).toThrow(/empty/);
  });
});
