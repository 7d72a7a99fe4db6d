/**
 * The sixteen articles of the 2017 Interim Measures. `textZh` is the body after the "第N条" label,
 * copied character for character from shared/regime/measures-2017.txt (including its ASCII
 * commas and colon, which the test compares against the file); titles and summaries are ours.
 */
import type { TextGaps } from '../text-gap.ts';
import type { Article, Bilingual } from '../types.ts';

/** Where the Chinese copy is incomplete, so `textZh` is shorter than the statute. */
export const TEXT_GAPS: TextGaps = {
  '4': {
    missing: {
      'zh-CN': '中文文本在“主要包括:”之后缺少所列的五项审查内容。',
      en: 'The Chinese copy stops at "主要包括:" and lacks the five enumerated items that follow.',
    },
    substitute: {
      'zh-CN': '五类风险取自英文参考译文;其中文名称为本项目自译,并非法定原文。',
      en: 'The five risk categories are taken from the English reference translation; their Chinese labels are our own translation, not statute text.',
    },
  },
  '12': {
    missing: {
      'zh-CN': '中文文本缺少第二句:第三方机构等相关单位及其人员对审查中获悉的信息负有保密义务,且不得用于审查以外的目的。',
      en: 'The Chinese copy lacks the second sentence: third-party organisations and others involved, and their staff, must keep review information confidential and use it for nothing but the review.',
    },
    substitute: {
      'zh-CN': '保密与限定用途义务依据英文参考译文执行。',
      en: 'The confidentiality and use-limitation duty is enforced on the basis of the English reference translation.',
    },
  },
};

const a = (number: string, textZh: string, title: Bilingual, summary: Bilingual): Article => ({ number, textZh, title, summary });

export const CN_2017_ARTICLES: readonly Article[] = [
  a(
    '1',
    '为提高网络产品和服务安全可控水平,防范网络安全风险,维护国家安全,依据《中华人民共和国国家安全法》《中华人民共和国网络安全法》等法律法规,制定本办法。',
    { 'zh-CN': '目的与依据', en: 'Purpose and legal basis' },
    {
      'zh-CN': '说明制定本办法的目的:让网络产品和服务更加安全可控,预防网络安全风险,保障国家安全;上位法依据为国家安全法和网络安全法。',
      en: 'Explains why the Measures exist — to make network products and services more secure and controllable, head off cybersecurity risk and protect national security — and rests them on the National Security Law and the Cybersecurity Law.',
    },
  ),
  a(
    '2',
    '关系国家安全的网络和信息系统采购的重要网络产品和服务,应当经过网络安全审查。',
    { 'zh-CN': '审查范围', en: 'What must be reviewed' },
    {
      'zh-CN': '凡用于涉及国家安全的网络与信息系统、经采购取得的重要网络产品和服务,均需接受网络安全审查。',
      en: 'Any important network product or service bought for a network or information system that bears on national security has to pass a cybersecurity review.',
    },
  ),
  a(
    '3',
    '坚持企业承诺与社会监督相结合,第三方评价与政府持续监管相结合,实验室检测、现场检查、在线监测、背景调查相结合,对网络产品和服务及其供应链进行网络安全审查。',
    { 'zh-CN': '审查方式', en: 'How reviews are carried out' },
    {
      'zh-CN': '审查对象包括产品、服务及其供应链;方式上成对结合:企业承诺配合社会监督,第三方评价配合政府持续监管,实验室检测配合现场检查、在线监测和背景调查。',
      en: 'Reviews cover products, services and their supply chains, pairing supplier commitments with public oversight, independent third-party evaluation with ongoing government supervision, and lab testing with on-site inspection, online monitoring and background checks.',
    },
  ),
  a(
    '4',
    '网络安全审查重点审查网络产品和服务的安全性、可控性,主要包括:',
    { 'zh-CN': '审查重点', en: 'What the review looks at' },
    {
      'zh-CN': '审查聚焦安全性与可控性,关注五类风险:产品自身缺陷及被非法控制、干扰、中断;从生产到技术支持的供应链风险;提供者违法处理用户信息;提供者借用户依赖损害安全或用户利益;其他危及国家安全的风险。',
      en: "The review centres on security and controllability through five kinds of risk: the product's own weaknesses and exposure to unlawful control, interference or interruption; supply-chain risk from manufacture to support; unlawful handling of user information by the supplier; suppliers turning users' dependence against security or users' interests; and any other national-security risk.",
    },
  ),
  a(
    '5',
    '国家互联网信息办公室会同有关部门成立网络安全审查委员会,负责审议网络安全审查的重要政策,统一组织网络安全审查工作,协调网络安全审查相关重要问题。',
    { 'zh-CN': '审查委员会与审查办公室', en: 'Review Committee and Review Office' },
    {
      'zh-CN': '国家网信部门牵头组建审查委员会,负责重大政策审议、统一组织和协调重大事项;具体审查由审查办公室承担。',
      en: 'The national internet information office, with other departments, forms a Review Committee that deliberates on major policy, organises the work and settles key questions; the Review Office carries out the reviews themselves.',
    },
  ),
  a(
    '6',
    '网络安全审查委员会聘请相关专家组成网络安全审查专家委员会,在第三方评价基础上,对网络产品和服务的安全风险及其提供者的安全可信状况进行综合评估。',
    { 'zh-CN': '审查专家委员会', en: 'Experts Committee' },
    {
      'zh-CN': '审查委员会聘请专家组成专家委员会,以第三方评价为基础,对产品和服务的安全风险以及提供者是否安全可信作出综合判断。',
      en: "The Review Committee appoints an Experts Committee which, building on the third-party assessment, forms an overall judgement of the product's or service's security risks and of how secure and trustworthy its supplier is.",
    },
  ),
  a(
    '7',
    '国家依法认定网络安全审查第三方机构,承担网络安全审查中的第三方评价工作。',
    { 'zh-CN': '第三方机构的认定', en: 'Accredited third parties' },
    {
      'zh-CN': '只有经国家依法认定的第三方机构,才能承担审查中的第三方评价工作。',
      en: 'Only third-party organisations the state has accredited under law may carry out the third-party assessment within a review.',
    },
  ),
  a(
    '8',
    '网络安全审查办公室按照国家有关要求、根据全国性行业协会建议和用户反映等,按程序确定审查对象,组织第三方机构、专家委员会对网络产品和服务进行网络安全审查,并发布或在一定范围内通报审查结果。',
    { 'zh-CN': '确定审查对象与公布结果', en: 'Choosing subjects and publishing results' },
    {
      'zh-CN': '审查办公室依据国家要求、全国性行业协会建议或用户反映,按程序选定审查对象,组织第三方机构和专家委员会开展审查,并公开结果或在限定范围内通报。',
      en: "Prompted by national requirements, a national industry association's suggestion or users' feedback, the Review Office selects what to review under set procedures, engages third parties and the Experts Committee to do it, and then publishes the outcome or circulates it to a limited audience.",
    },
  ),
  a(
    '9',
    '金融、电信、能源、交通等重点行业和领域主管部门,根据国家网络安全审查工作要求,组织开展本行业、本领域网络产品和服务安全审查工作。',
    { 'zh-CN': '行业领域审查', en: 'Reviews within a sector' },
    {
      'zh-CN': '重点行业(如金融、电信、能源、交通)的主管部门按国家统一要求,在本行业、本领域内组织开展审查。',
      en: 'Regulators of key sectors such as finance, telecoms, energy and transport organise security reviews of network products and services in their own sector, following the national requirements.',
    },
  ),
  a(
    '10',
    '公共通信和信息服务、能源、交通、水利、金融、公共服务、电子政务等重要行业和领域,以及其他关键信息基础设施的运营者采购网络产品和服务,可能影响国家安全的,应当通过网络安全审查。产品和服务是否影响国家安全由关键信息基础设施保护工作部门确定。',
    { 'zh-CN': '关键信息基础设施采购', en: 'Purchases by critical information infrastructure' },
    {
      'zh-CN': '重要行业领域及其他关键信息基础设施运营者采购可能影响国家安全的网络产品和服务,须经审查;是否影响国家安全,由相应的关键信息基础设施保护工作部门认定。',
      en: 'When operators of critical information infrastructure — in public communications and information services, energy, transport, water, finance, public services, e-government and beyond — buy network products or services that may affect national security, the purchase must pass review; the department protecting that infrastructure decides whether national security may be affected.',
    },
  ),
  a(
    '11',
    '承担网络安全审查的第三方机构,应当坚持客观、公正、公平的原则,按照国家有关规定,参照有关标准,重点从产品和服务及其供应链的安全性、可控性,安全机制和技术的透明性等方面进行评价,并对评价结果负责。',
    { 'zh-CN': '第三方评价的要求', en: "The assessor's duties" },
    {
      'zh-CN': '第三方机构须客观公正,依规参照标准,重点评价产品、服务及供应链的安全可控程度和安全机制、技术的透明度,并对评价结论承担责任。',
      en: 'The assessor must be objective, impartial and fair, follow national rules and reference standards, concentrate on the security and controllability of the product, service and supply chain and on how transparent its security mechanisms and technology are, and answers for its conclusions.',
    },
  ),
  a(
    '12',
    '网络产品和服务提供者应当对网络安全审查工作予以配合,并对提供材料的真实性负责。',
    { 'zh-CN': '提供者配合与保密义务', en: 'Supplier cooperation and confidentiality' },
    {
      'zh-CN': '提供者应配合审查,并保证所交材料真实;第三方机构等参与单位及其人员对审查中获取的信息负有保密义务,且只能用于审查(后一项义务在本库中文文本中缺失,依据英文参考译文)。',
      en: 'Suppliers must cooperate with the review and vouch for the truth of what they submit. Third-party organisations and others involved, and their staff, must keep review information confidential and use it for the review alone (this second duty is missing from the Chinese copy held here and follows the English reference).',
    },
  ),
  a(
    '13',
    '网络安全审查办公室不定期发布网络产品和服务安全评估报告。',
    { 'zh-CN': '安全评估报告', en: 'Security assessment reports' },
    {
      'zh-CN': '审查办公室视情况发布有关网络产品和服务的安全评估报告,不设固定周期。',
      en: 'The Review Office publishes security assessment reports on network products and services whenever it sees fit, on no fixed schedule.',
    },
  ),
  a(
    '14',
    '网络产品和服务提供者认为第三方机构等相关单位和人员有失客观公正,或未能对审查工作中获悉的信息承担安全保密义务的,可以向网络安全审查办公室或者有关部门举报。',
    { 'zh-CN': '提供者举报', en: 'Supplier complaints' },
    {
      'zh-CN': '提供者认为第三方机构等单位或人员不够客观公正,或未尽到保密义务的,可向审查办公室或有关部门举报。',
      en: 'A supplier that believes a third-party organisation or its staff were not objective and fair, or failed to keep review information secure and confidential, may report it to the Review Office or the competent departments.',
    },
  ),
  a(
    '15',
    '违反本办法规定的,依照有关法律法规予以处理。',
    { 'zh-CN': '违规处理', en: 'Violations' },
    {
      'zh-CN': '违反本办法的行为,按相关法律法规处理。',
      en: 'Breaches of these Measures are handled under the applicable laws and regulations.',
    },
  ),
  a(
    '16',
    '本办法自2017年6月1日起实施。',
    { 'zh-CN': '施行日期', en: 'Entry into force' },
    {
      'zh-CN': '本办法于2017年6月1日开始生效。',
      en: 'The Measures apply from 1 June 2017.',
    },
  ),
];
