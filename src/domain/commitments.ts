/**
 * Art. 3 enterprise commitments (企业承诺) and Art. 12: what a supplier undertakes, signed with an
 * Ed25519 key registered to its organisation. The signature covers the canonical JSON of
 * `CommitmentStatement`, so a changed template text, case, product or date breaks it.
 */
import { createHash } from 'node:crypto';
import { canonicalJson } from '../audit/log.ts';

export interface CommitmentTemplate {
  version: number;
  text: { 'zh-CN': string; en: string };
}

export const COMMITMENT_TEMPLATES = {
  no_hidden_control: {
    version: 1,
    text: {
      'zh-CN': '本企业承诺：所提供的产品和服务不设置恶意程序、隐蔽接口或后门，不利用提供产品和服务的便利条件非法控制、干扰、中断用户系统。',
      en: 'We commit that the product and service contain no malicious code, hidden interface or backdoor, and that we will not use our position as provider to illegally control, interfere with or interrupt users’ systems.',
    },
  },
  no_illegal_data_collection: {
    version: 1,
    text: {
      'zh-CN': '本企业承诺：不利用提供产品和服务的便利条件非法收集、存储、处理、利用用户相关信息。',
      en: 'We commit not to use our position as provider to illegally collect, store, process or use information about users.',
    },
  },
  no_reliance_exploitation: {
    version: 1,
    text: {
      'zh-CN': '本企业承诺：不利用用户对产品和服务的依赖，谋取不正当利益、进行不正当竞争或损害用户利益。',
      en: 'We commit not to exploit users’ reliance on the product or service to seek improper benefit, compete unfairly or harm users’ interests.',
    },
  },
  supply_continuity: {
    version: 1,
    text: {
      'zh-CN': '本企业承诺：保障产品和服务的供应连续性及必要的技术支持和安全维护，不以非正当理由中断供应或服务。',
      en: 'We commit to keep supplying the product and service with the technical support and security maintenance they need, and not to interrupt supply or service without a legitimate reason.',
    },
  },
  truthful_materials: {
    version: 1,
    text: {
      'zh-CN': '本企业承诺：对提交审查的材料的真实性负责，积极配合网络安全审查工作。',
      en: 'We answer for the authenticity of the materials submitted to the review and will cooperate with the cybersecurity review.',
    },
  },
} as const satisfies Record<string, CommitmentTemplate>;
export type CommitmentTemplateId = keyof typeof COMMITMENT_TEMPLATES;
export const COMMITMENT_TEMPLATE_IDS = Object.keys(COMMITMENT_TEMPLATES) as CommitmentTemplateId[];

export function isCommitmentTemplateId(id: string): id is CommitmentTemplateId {
  return Object.prototype.hasOwnProperty.call(COMMITMENT_TEMPLATES, id);
}

/** SHA-256 of the canonical JSON of both language versions: the text the supplier signs up to. */
export function templateDigest(t: CommitmentTemplate): string {
  return createHash('sha256').update(canonicalJson(t.text), 'utf8').digest('hex');
}

/** What the signature covers. `signedAt` is an ISO 8601 instant, `product` the case's product and version. */
export interface CommitmentStatement {
  templateId: string;
  templateVersion: number;
  textDigest: string;
  caseId: string;
  product: string;
  signedAt: string;
}

export function statementBytes(s: CommitmentStatement): Buffer {
  return Buffer.from(
    canonicalJson({ templateId: s.templateId, templateVersion: s.templateVersion, textDigest: s.textDigest, caseId: s.caseId, product: s.product, signedAt: s.signedAt }),
    'utf8',
  );
}

export function productLabel(c: { product_name: string; product_version: string | null }): string {
  return c.product_version ? `${c.product_name} ${c.product_version}` : c.product_name;
}
