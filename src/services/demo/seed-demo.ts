import type { ActorContext, OrgKind } from '../../domain/actor.ts';
import { randomPassword } from '../../auth/secrets.ts';
import { createOrganisation } from '../identity/create-organisation.ts';
import { createUser } from '../identity/create-user.ts';
import { appendAudit } from '../../audit/log.ts';

interface DemoParty {
  kind: OrgKind;
  name: string;
  nameZh: string;
  sector?: string;
  groupName?: string;
  accredited?: boolean;
  users: { username: string; displayName: string }[];
}

/** One organisation for every party the Measures name, and a user in each. */
export const DEMO_PARTIES: DemoParty[] = [
  { kind: 'review_office', name: 'Cybersecurity Review Office (demo)', nameZh: '网络安全审查办公室（演示）', users: [{ username: 'office', displayName: '审查办公室 王敏 / Wang Min' }] },
  { kind: 'review_committee', name: 'Cybersecurity Review Committee (demo)', nameZh: '网络安全审查委员会（演示）', users: [{ username: 'committee', displayName: '审查委员会 李强 / Li Qiang' }] },
  {
    kind: 'experts_committee',
    name: 'Cybersecurity Review Experts Committee (demo)',
    nameZh: '网络安全审查专家委员会（演示）',
    users: [
      { username: 'expert1', displayName: '专家 陈静 / Chen Jing' },
      { username: 'expert2', displayName: '专家 赵磊 / Zhao Lei' },
      { username: 'expert3', displayName: '专家 何雯 / He Wen' },
    ],
  },
  { kind: 'third_party_assessor', name: 'Northern Assessment Centre (demo)', nameZh: '北方测评中心（演示）', groupName: 'Northern Assessment Group', accredited: true, users: [{ username: 'assessor', displayName: '评估师 刘洋 / Liu Yang' }] },
  { kind: 'supplier', name: 'Example Networks Co. (demo)', nameZh: '示例网络设备有限公司（演示）', groupName: 'Example Holdings', users: [{ username: 'supplier', displayName: '供应商 周婷 / Zhou Ting' }] },
  { kind: 'cii_operator', name: 'Provincial Power Grid Co. (demo)', nameZh: '省电网公司（演示）', sector: 'energy', users: [{ username: 'operator', displayName: '运营者 孙伟 / Sun Wei' }] },
  { kind: 'cii_protection_department', name: 'Energy CII Protection Department (demo)', nameZh: '能源行业关键信息基础设施保护部门（演示）', sector: 'energy', users: [{ username: 'protection', displayName: '保护部门 吴芳 / Wu Fang' }] },
  { kind: 'sector_regulator', name: 'Energy Sector Regulator (demo)', nameZh: '能源行业主管部门（演示）', sector: 'energy', users: [{ username: 'regulator', displayName: '行业主管 郑浩 / Zheng Hao' }] },
  { kind: 'industry_association', name: 'Network Equipment Industry Association (demo)', nameZh: '网络设备行业协会（演示）', users: [{ username: 'association', displayName: '行业协会 冯雪 / Feng Xue' }] },
];

export interface DemoCredential {
  username: string;
  password: string;
  organisation: string;
  kind: OrgKind;
}

/**
 * Passwords are random per installation, printed once and written beside the database: a demo
 * left running on a network must not open with a password everyone knows.
 */
export async function seedDemo(ctx: ActorContext): Promise<DemoCredential[]> {
  const creds: DemoCredential[] = [];
  const accreditedUntil = new Date(ctx.now().getTime() + 2 * 365 * 86_400_000).toISOString().slice(0, 10);
  const pending: Promise<void>[] = [];
  for (const p of DEMO_PARTIES) {
    const org = await createOrganisation(ctx, {
      kind: p.kind,
      name: p.name,
      nameZh: p.nameZh,
      ...(p.sector ? { sector: p.sector } : {}),
      ...(p.groupName ? { groupName: p.groupName } : {}),
      ...(p.accredited ? { accreditedUntil } : {}),
    });
    // Password hashing is the slow part of a first start: all users are hashed at once.
    for (const u of p.users) {
      const password = randomPassword();
      creds.push({ username: u.username, password, organisation: p.name, kind: p.kind });
      pending.push(createUser(ctx, { username: u.username, displayName: u.displayName, password, organisation: org.id }).then(() => undefined));
    }
  }
  await Promise.all(pending);
  await ctx.db.transaction((tx) => appendAudit(tx, { type: 'demo.seeded', actor: ctx.actor, at: ctx.now(), data: { organisations: DEMO_PARTIES.length, users: creds.length } }));
  return creds;
}
