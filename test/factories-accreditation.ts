/** Factories for the accreditation registry and assignment suites (Art. 7, 11). */
import type { ActorContext } from '../src/domain/actor.ts';
import type { OrganisationRow } from '../src/db/repos/identity.ts';
import { createOrganisation } from '../src/services/identity/create-organisation.ts';
import { grantAccreditation } from '../src/services/accreditation/grant-accreditation.ts';

let n = 0;
const uniq = () => `${process.pid}-acc${++n}`;

export function asSystem(ctx: ActorContext): ActorContext {
  return { ...ctx, actor: { kind: 'system', purpose: 'test' } };
}

export interface AccreditationSpec {
  productCategories?: string[];
  methods?: string[];
  validFrom?: string;
  validTo?: string;
  groupName?: string;
}

/** An assessor organisation with exactly one accreditation, granted through the registry. */
export async function buildAccreditedAssessor(ctx: ActorContext, spec: AccreditationSpec = {}): Promise<OrganisationRow & { accreditationId: string }> {
  const org = await createOrganisation(asSystem(ctx), { kind: 'third_party_assessor', name: `accredited assessor ${uniq()}`, ...(spec.groupName ? { groupName: spec.groupName } : {}) });
  const { id } = await grantAccreditation(asSystem(ctx), {
    orgId: org.id,
    productCategories: spec.productCategories ?? ['network_equipment'],
    methods: spec.methods ?? ['lab_testing', 'onsite_check'],
    validFrom: spec.validFrom ?? '2024-01-01',
    validTo: spec.validTo ?? '2030-12-31',
    reason: 'test accreditation',
  });
  return { ...org, accreditationId: id };
}
