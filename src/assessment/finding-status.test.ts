import { describe, expect, it } from 'vitest';
import type { CaseRole } from '../domain/lifecycle.ts';
import { checkFindingStatusChange, FINDING_STATUSES, FINDING_STATUS_TRANSITIONS } from './finding-status.ts';
import type { FindingStatus } from './finding-status.ts';

/* The finding status table written out by hand: from → to, who. '-' is not allowed for anyone. */
const EXPECTED: Record<FindingStatus, Record<FindingStatus, string>> = {
  open: { open: '-', mitigating: 'assessor', accepted: 'office', closed: 'assessor' },
  mitigating: { open: 'assessor', mitigating: '-', accepted: 'office', closed: 'assessor' },
  accepted: { open: 'assessor office', mitigating: '-', accepted: '-', closed: '-' },
  closed: { open: 'assessor office', mitigating: '-', accepted: '-', closed: '-' },
};
const ROLES: CaseRole[] = ['office', 'committee', 'supplier', 'assessor', 'expert', 'regulator'];

describe('finding status transitions', () => {
  for (const from of FINDING_STATUSES) {
    for (const to of FINDING_STATUSES) {
      it(`${from} → ${to}`, () => {
        const allowed = EXPECTED[from][to] === '-' ? [] : EXPECTED[from][to].split(' ');
        for (const role of ROLES) {
          const r = checkFindingStatusChange(from, to, new Set([role]));
          expect(r.ok, `${role}`).toBe(allowed.includes(role));
          if (!r.ok) expect(r.reason).toBe(allowed.length ? 'role' : 'illegal');
        }
      });
    }
  }
  it('lists what the caller may do instead', () => {
    expect(checkFindingStatusChange('closed', 'accepted', new Set(['assessor']))).toEqual({ ok: false, reason: 'illegal', allowed: ['open'] });
    expect(Object.keys(FINDING_STATUS_TRANSITIONS.open)).toEqual(['mitigating', 'accepted', 'closed']);
  });
});
