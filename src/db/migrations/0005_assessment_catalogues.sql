-- Assessment depth (Art. 3, 11), standards catalogues (Art. 11) and OSCAL exchange.

-- Standards catalogues: findings cite their clauses (Art. 11: assessment against national standards).
CREATE TABLE catalogues (
  id text PRIMARY KEY CHECK (id ~ '^[a-z0-9][a-z0-9._-]{1,63}$'),
  uuid uuid NOT NULL UNIQUE,
  title text NOT NULL,
  title_zh text,
  version text NOT NULL,
  oscal_version text NOT NULL,
  source text NOT NULL CHECK (source IN ('builtin','oscal_import')),
  -- OSCAL metadata and back-matter as imported, so an export gives back what came in.
  metadata jsonb NOT NULL DEFAULT '{}',
  back_matter jsonb,
  imported_by uuid REFERENCES users(id),
  imported_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE catalogue_clauses (
  catalogue_id text NOT NULL REFERENCES catalogues(id),
  clause_id text NOT NULL,
  parent_id text,
  kind text NOT NULL CHECK (kind IN ('group','control')),
  label text,
  title text NOT NULL,
  title_zh text,
  ord integer NOT NULL,
  -- The rest of the OSCAL group/control (class, params, props, links, parts), verbatim.
  body jsonb,
  PRIMARY KEY (catalogue_id, clause_id)
);
CREATE INDEX catalogue_clauses_order ON catalogue_clauses (catalogue_id, ord);

-- Art. 3 methods: the assessment plan is a list of activities, each by one method.
CREATE TABLE assessment_activities (
  id uuid PRIMARY KEY,
  case_id uuid NOT NULL REFERENCES cases(id),
  method text NOT NULL CHECK (method IN ('lab_test','on_site_check','online_monitoring','background_investigation','document_review')),
  title text NOT NULL,
  scope text NOT NULL,
  planned_start date,
  planned_end date,
  actual_start date,
  actual_end date,
  status text NOT NULL DEFAULT 'planned' CHECK (status IN ('planned','in_progress','completed','cancelled')),
  created_by uuid NOT NULL REFERENCES users(id),
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  CHECK (planned_start IS NULL OR planned_end IS NULL OR planned_end >= planned_start),
  CHECK (actual_start IS NULL OR actual_end IS NULL OR actual_end >= actual_start)
);
CREATE INDEX assessment_activities_case ON assessment_activities (case_id, created_at);

CREATE TABLE assessment_activity_people (
  activity_id uuid NOT NULL REFERENCES assessment_activities(id),
  user_id uuid NOT NULL REFERENCES users(id),
  PRIMARY KEY (activity_id, user_id)
);

-- Evidence gathered by the assessor, stored by SHA-256. Custody events (added, viewed,
-- transferred, sealed) are audit events on the evidence id: the chain of custody is tamper-evident.
CREATE TABLE evidence_files (
  id uuid PRIMARY KEY,
  case_id uuid NOT NULL REFERENCES cases(id),
  activity_id uuid REFERENCES assessment_activities(id),
  sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  filename text NOT NULL,
  media_type text NOT NULL,
  size_bytes bigint NOT NULL,
  kind text NOT NULL CHECK (kind IN ('tool_output','sarif','document','photo','log','other')),
  description text NOT NULL DEFAULT '',
  custodian_user_id uuid NOT NULL REFERENCES users(id),
  sealed_at timestamptz,
  added_by uuid NOT NULL REFERENCES users(id),
  added_at timestamptz NOT NULL
);
CREATE INDEX evidence_files_case ON evidence_files (case_id, added_at);

-- Findings in depth: status with its history, the activity and evidence they came from, the
-- tool result they were imported from, and the standard clauses they rest on.
ALTER TABLE findings ADD COLUMN status text NOT NULL DEFAULT 'open' CHECK (status IN ('open','mitigating','accepted','closed'));
ALTER TABLE findings ADD COLUMN status_changed_at timestamptz;
ALTER TABLE findings ADD COLUMN activity_id uuid REFERENCES assessment_activities(id);
ALTER TABLE findings ADD COLUMN evidence_id uuid REFERENCES evidence_files(id);
ALTER TABLE findings ADD COLUMN source jsonb;
CREATE INDEX findings_case_status ON findings (case_id, status);

CREATE TABLE finding_status_changes (
  id uuid PRIMARY KEY,
  finding_id uuid NOT NULL REFERENCES findings(id),
  case_id uuid NOT NULL REFERENCES cases(id),
  from_status text NOT NULL,
  to_status text NOT NULL,
  reason text NOT NULL,
  changed_by uuid NOT NULL REFERENCES users(id),
  changed_at timestamptz NOT NULL
);
CREATE INDEX finding_status_changes_finding ON finding_status_changes (finding_id, changed_at);

CREATE TABLE finding_clauses (
  finding_id uuid NOT NULL REFERENCES findings(id),
  catalogue_id text NOT NULL,
  clause_id text NOT NULL,
  PRIMARY KEY (finding_id, catalogue_id, clause_id),
  FOREIGN KEY (catalogue_id, clause_id) REFERENCES catalogue_clauses (catalogue_id, clause_id)
);

-- Information requests to the supplier carry a due date; past it, an open request is overdue.
ALTER TABLE supplement_requests ADD COLUMN due_date date;

-- Built-in catalogues: the structure of four national standards, clause titles summarised in our
-- own words (not the standards' text), so findings can cite them. Clause ids are OSCAL tokens
-- ('s' + the clause number); the label is the number as printed.
INSERT INTO catalogues (id, uuid, title, title_zh, version, oscal_version, source, metadata) VALUES
 ('gbt-36637-2018', '9f23715c-1e1e-43b0-8219-e9a465da37f9', 'GB/T 36637-2018 Guide to ICT supply chain security risk management (structure)', 'GB/T 36637-2018 信息安全技术 ICT供应链安全风险管理指南（结构）', '2018', '1.1.2', 'builtin',
  '{"remarks":"Clause structure with titles paraphrased by netreview for citation; the standard text is not reproduced."}'),
 ('gbt-32921-2016', '72f2a433-a5fc-462b-844b-4a6b0233671f', 'GB/T 32921-2016 Security criteria for the behaviour of IT product suppliers (structure)', 'GB/T 32921-2016 信息安全技术 信息技术产品供应方行为安全准则（结构）', '2016', '1.1.2', 'builtin',
  '{"remarks":"Clause structure with titles paraphrased by netreview for citation; the standard text is not reproduced."}'),
 ('gbt-35273-2020', 'd146b98f-96a2-40da-95a7-cff593b9be0a', 'GB/T 35273-2020 Personal information security specification (structure)', 'GB/T 35273-2020 信息安全技术 个人信息安全规范（结构）', '2020', '1.1.2', 'builtin',
  '{"remarks":"Clause structure with titles paraphrased by netreview for citation; the standard text is not reproduced."}'),
 ('gbt-22239-2019', 'd038b5ed-f774-4663-9695-29404114690f', 'GB/T 22239-2019 Baseline for classified protection of cybersecurity (structure)', 'GB/T 22239-2019 信息安全技术 网络安全等级保护基本要求（结构）', '2019', '1.1.2', 'builtin',
  '{"remarks":"Clause structure with titles paraphrased by netreview for citation; the standard text is not reproduced."}');

INSERT INTO catalogue_clauses (catalogue_id, clause_id, parent_id, kind, label, title, title_zh, ord) VALUES
 ('gbt-36637-2018', 's4', NULL, 'group', '4', 'What supply-chain risk is made of', 'ICT供应链安全风险的构成', 1),
 ('gbt-36637-2018', 's4.1', 's4', 'control', '4.1', 'Threats that act on the supply chain', '作用于供应链的威胁', 2),
 ('gbt-36637-2018', 's4.2', 's4', 'control', '4.2', 'Weak points along the supply chain', '供应链各环节的薄弱点', 3),
 ('gbt-36637-2018', 's5', NULL, 'group', '5', 'Managing supply-chain risk: the process', '供应链风险管理的过程', 4),
 ('gbt-36637-2018', 's5.1', 's5', 'control', '5.1', 'Setting scope, context and risk criteria', '确定范围、背景与风险准则', 5),
 ('gbt-36637-2018', 's5.2', 's5', 'control', '5.2', 'Finding the risks', '识别风险', 6),
 ('gbt-36637-2018', 's5.3', 's5', 'control', '5.3', 'Weighing likelihood and impact', '分析可能性与影响', 7),
 ('gbt-36637-2018', 's5.4', 's5', 'control', '5.4', 'Ranking risks and deciding what to treat', '评价风险并确定处置优先级', 8),
 ('gbt-36637-2018', 's5.5', 's5', 'control', '5.5', 'Treating risks', '处置风险', 9),
 ('gbt-36637-2018', 's5.6', 's5', 'control', '5.6', 'Watching and reviewing over time', '持续监视与评审', 10),
 ('gbt-36637-2018', 's5.7', 's5', 'control', '5.7', 'Talking with stakeholders and keeping records', '沟通协商与记录', 11),
 ('gbt-36637-2018', 's6', NULL, 'group', '6', 'Controls across the product life cycle', '贯穿产品生命周期的控制', 12),
 ('gbt-36637-2018', 's6.1', 's6', 'control', '6.1', 'Design and development', '设计与开发环节', 13),
 ('gbt-36637-2018', 's6.2', 's6', 'control', '6.2', 'Manufacturing and integration', '生产与集成环节', 14),
 ('gbt-36637-2018', 's6.3', 's6', 'control', '6.3', 'Delivery and logistics', '交付与物流环节', 15),
 ('gbt-36637-2018', 's6.4', 's6', 'control', '6.4', 'Operation, maintenance and updates', '运行维护与更新环节', 16),
 ('gbt-36637-2018', 's6.5', 's6', 'control', '6.5', 'Choosing suppliers and binding them by contract', '供方选择与合同约束', 17),
 ('gbt-36637-2018', 's6.6', 's6', 'control', '6.6', 'Retirement and end of support', '退役与停止支持', 18),
 ('gbt-36637-2018', 'sA', NULL, 'group', 'A', 'Typical threats (annex)', '典型威胁（附录）', 19),
 ('gbt-36637-2018', 'sA.1', 'sA', 'control', 'A.1', 'Malicious tampering', '恶意篡改', 20),
 ('gbt-36637-2018', 'sA.2', 'sA', 'control', 'A.2', 'Counterfeit or substandard parts', '假冒伪劣', 21),
 ('gbt-36637-2018', 'sA.3', 'sA', 'control', 'A.3', 'Interrupted supply', '供应中断', 22),
 ('gbt-36637-2018', 'sA.4', 'sA', 'control', 'A.4', 'Leaked information', '信息泄露', 23),
 ('gbt-36637-2018', 'sA.5', 'sA', 'control', 'A.5', 'Improper operations by insiders', '违规操作', 24),

 ('gbt-32921-2016', 's4', NULL, 'group', '4', 'Principles for suppliers', '供方应遵循的原则', 1),
 ('gbt-32921-2016', 's4.1', 's4', 'control', '4.1', 'Act lawfully and openly', '合法、公开透明', 2),
 ('gbt-32921-2016', 's4.2', 's4', 'control', '4.2', 'Leave users in control of their products and data', '尊重用户对产品和数据的控制', 3),
 ('gbt-32921-2016', 's4.3', 's4', 'control', '4.3', 'Answer for what is supplied', '对所供产品负责', 4),
 ('gbt-32921-2016', 's5', NULL, 'group', '5', 'Required behaviour', '行为要求', 5),
 ('gbt-32921-2016', 's5.1', 's5', 'control', '5.1', 'Collect user information only with informed consent, for a stated purpose', '仅在用户知情同意下、为明示目的收集用户信息', 6),
 ('gbt-32921-2016', 's5.2', 's5', 'control', '5.2', 'No remote control of user systems without authorisation', '未经授权不得远程控制用户系统', 7),
 ('gbt-32921-2016', 's5.3', 's5', 'control', '5.3', 'Updates and patches stay transparent and under user control', '升级与补丁透明且由用户掌控', 8),
 ('gbt-32921-2016', 's5.4', 's5', 'control', '5.4', 'No exploiting users’ reliance on the product for undue gain', '不得利用用户依赖谋取不当利益', 9),
 ('gbt-32921-2016', 's5.5', 's5', 'control', '5.5', 'Keep supply and support going; give notice before ending them', '保障供应与服务连续，终止前提前告知', 10),
 ('gbt-32921-2016', 's5.6', 's5', 'control', '5.6', 'Handle vulnerabilities and incidents and tell users in time', '处置漏洞与事件并及时告知用户', 11),
 ('gbt-32921-2016', 's5.7', 's5', 'control', '5.7', 'Protect user data in the supplier’s hands; no transfer without consent', '保护所持用户数据，未经同意不得转移', 12),
 ('gbt-32921-2016', 's5.8', 's5', 'control', '5.8', 'Disclose security-relevant facts truthfully', '如实披露安全相关信息', 13),
 ('gbt-32921-2016', 's5.9', 's5', 'control', '5.9', 'Hold subcontractors to the same rules', '约束下游供方遵守同样要求', 14),

 ('gbt-35273-2020', 's4', NULL, 'control', '4', 'Basic principles of handling personal information', '个人信息处理的基本原则', 1),
 ('gbt-35273-2020', 's5', NULL, 'group', '5', 'Collecting personal information', '个人信息的收集', 2),
 ('gbt-35273-2020', 's5.1', 's5', 'control', '5.1', 'Collect lawfully', '合法收集', 3),
 ('gbt-35273-2020', 's5.2', 's5', 'control', '5.2', 'Collect no more than needed', '最小必要', 4),
 ('gbt-35273-2020', 's5.3', 's5', 'control', '5.3', 'Let users choose among bundled features', '多项业务功能由用户自主选择', 5),
 ('gbt-35273-2020', 's5.4', 's5', 'control', '5.4', 'Obtain authorisation and consent', '取得授权同意', 6),
 ('gbt-35273-2020', 's5.5', 's5', 'control', '5.5', 'Publish a privacy policy', '公开隐私政策', 7),
 ('gbt-35273-2020', 's5.6', 's5', 'control', '5.6', 'When consent is not needed', '无需授权同意的情形', 8),
 ('gbt-35273-2020', 's5.7', 's5', 'control', '5.7', 'Information obtained indirectly', '间接获取个人信息', 9),
 ('gbt-35273-2020', 's6', NULL, 'group', '6', 'Storing personal information', '个人信息的存储', 10),
 ('gbt-35273-2020', 's6.1', 's6', 'control', '6.1', 'Keep it no longer than needed', '存储时间最小化', 11),
 ('gbt-35273-2020', 's6.2', 's6', 'control', '6.2', 'De-identify where possible', '去标识化处理', 12),
 ('gbt-35273-2020', 's6.3', 's6', 'control', '6.3', 'Sensitive information in transit and at rest', '敏感个人信息的传输与存储', 13),
 ('gbt-35273-2020', 's6.4', 's6', 'control', '6.4', 'When the controller stops operating', '控制者停止运营时的处理', 14),
 ('gbt-35273-2020', 's7', NULL, 'group', '7', 'Using personal information', '个人信息的使用', 15),
 ('gbt-35273-2020', 's7.1', 's7', 'control', '7.1', 'Access control over personal information', '访问控制措施', 16),
 ('gbt-35273-2020', 's7.2', 's7', 'control', '7.2', 'Limit what is displayed', '展示限制', 17),
 ('gbt-35273-2020', 's7.3', 's7', 'control', '7.3', 'Use only for the stated purpose', '使用目的限制', 18),
 ('gbt-35273-2020', 's7.4', 's7', 'control', '7.4', 'Profiling of users', '用户画像的使用限制', 19),
 ('gbt-35273-2020', 's7.5', 's7', 'control', '7.5', 'Personalised display', '个性化展示的使用', 20),
 ('gbt-35273-2020', 's7.6', 's7', 'control', '7.6', 'Combining information from different services', '汇聚融合的限制', 21),
 ('gbt-35273-2020', 's7.7', 's7', 'control', '7.7', 'Automated decisions', '信息系统自动决策机制', 22),
 ('gbt-35273-2020', 's8', NULL, 'group', '8', 'Rights of the person concerned', '个人信息主体的权利', 23),
 ('gbt-35273-2020', 's8.1', 's8', 'control', '8.1', 'Looking up one’s information', '查询', 24),
 ('gbt-35273-2020', 's8.2', 's8', 'control', '8.2', 'Correcting it', '更正', 25),
 ('gbt-35273-2020', 's8.3', 's8', 'control', '8.3', 'Deleting it', '删除', 26),
 ('gbt-35273-2020', 's8.4', 's8', 'control', '8.4', 'Withdrawing consent', '撤回授权同意', 27),
 ('gbt-35273-2020', 's8.5', 's8', 'control', '8.5', 'Closing the account', '注销账户', 28),
 ('gbt-35273-2020', 's8.6', 's8', 'control', '8.6', 'Getting a copy', '获取个人信息副本', 29),
 ('gbt-35273-2020', 's8.7', 's8', 'control', '8.7', 'Answering requests', '响应个人信息主体的请求', 30),
 ('gbt-35273-2020', 's8.8', 's8', 'control', '8.8', 'Handling complaints', '投诉管理', 31),
 ('gbt-35273-2020', 's9', NULL, 'group', '9', 'Entrusting, sharing, transferring and disclosing', '委托处理、共享、转让、公开披露', 32),
 ('gbt-35273-2020', 's9.1', 's9', 'control', '9.1', 'Entrusted processing', '委托处理', 33),
 ('gbt-35273-2020', 's9.2', 's9', 'control', '9.2', 'Sharing and transfer', '共享、转让', 34),
 ('gbt-35273-2020', 's9.3', 's9', 'control', '9.3', 'Mergers, acquisitions and reorganisations', '收购、兼并、重组、破产时的转让', 35),
 ('gbt-35273-2020', 's9.4', 's9', 'control', '9.4', 'Public disclosure', '公开披露', 36),
 ('gbt-35273-2020', 's9.5', 's9', 'control', '9.5', 'When consent is not needed for these', '无需事先征得同意的情形', 37),
 ('gbt-35273-2020', 's9.6', 's9', 'control', '9.6', 'Joint controllers', '共同个人信息控制者', 38),
 ('gbt-35273-2020', 's9.7', 's9', 'control', '9.7', 'Third parties plugged into a product', '对第三方接入的管理', 39),
 ('gbt-35273-2020', 's9.8', 's9', 'control', '9.8', 'Transfer across borders', '个人信息跨境传输', 40),
 ('gbt-35273-2020', 's10', NULL, 'control', '10', 'Handling security incidents', '个人信息安全事件处置', 41),
 ('gbt-35273-2020', 's11', NULL, 'group', '11', 'Organisational requirements', '组织的个人信息安全管理要求', 42),
 ('gbt-35273-2020', 's11.1', 's11', 'control', '11.1', 'Responsible department and people', '明确责任部门与人员', 43),
 ('gbt-35273-2020', 's11.2', 's11', 'control', '11.2', 'Impact assessments', '个人信息安全影响评估', 44),
 ('gbt-35273-2020', 's11.3', 's11', 'control', '11.3', 'Data security capability', '数据安全能力', 45),
 ('gbt-35273-2020', 's11.4', 's11', 'control', '11.4', 'Staff management and training', '人员管理与培训', 46),
 ('gbt-35273-2020', 's11.5', 's11', 'control', '11.5', 'Security audits', '安全审计', 47),

 ('gbt-22239-2019', 's5', NULL, 'group', '5', 'Protected objects and requirement types', '等级保护对象与安全要求类型', 1),
 ('gbt-22239-2019', 's6', NULL, 'group', '6', 'Level 1 requirements', '第一级安全要求', 2),
 ('gbt-22239-2019', 's6.1', 's6', 'control', '6.1', 'Level 1: general requirements', '第一级：安全通用要求', 3),
 ('gbt-22239-2019', 's7', NULL, 'group', '7', 'Level 2 requirements', '第二级安全要求', 4),
 ('gbt-22239-2019', 's7.1', 's7', 'control', '7.1', 'Level 2: general requirements', '第二级：安全通用要求', 5),
 ('gbt-22239-2019', 's8', NULL, 'group', '8', 'Level 3 requirements', '第三级安全要求', 6),
 ('gbt-22239-2019', 's8.1', 's8', 'control', '8.1', 'Level 3: general requirements', '第三级：安全通用要求', 7),
 ('gbt-22239-2019', 's8.1.1', 's8.1', 'control', '8.1.1', 'Physical environment', '安全物理环境', 8),
 ('gbt-22239-2019', 's8.1.2', 's8.1', 'control', '8.1.2', 'Communication network', '安全通信网络', 9),
 ('gbt-22239-2019', 's8.1.3', 's8.1', 'control', '8.1.3', 'Area boundary', '安全区域边界', 10),
 ('gbt-22239-2019', 's8.1.4', 's8.1', 'control', '8.1.4', 'Computing environment', '安全计算环境', 11),
 ('gbt-22239-2019', 's8.1.5', 's8.1', 'control', '8.1.5', 'Security management centre', '安全管理中心', 12),
 ('gbt-22239-2019', 's8.1.6', 's8.1', 'control', '8.1.6', 'Management policies and rules', '安全管理制度', 13),
 ('gbt-22239-2019', 's8.1.7', 's8.1', 'control', '8.1.7', 'Management organisation', '安全管理机构', 14),
 ('gbt-22239-2019', 's8.1.8', 's8.1', 'control', '8.1.8', 'Management of personnel', '安全管理人员', 15),
 ('gbt-22239-2019', 's8.1.9', 's8.1', 'control', '8.1.9', 'Building and acquisition', '安全建设管理', 16),
 ('gbt-22239-2019', 's8.1.10', 's8.1', 'control', '8.1.10', 'Operation and maintenance', '安全运维管理', 17),
 ('gbt-22239-2019', 's8.2', 's8', 'control', '8.2', 'Level 3: cloud computing extension', '第三级：云计算安全扩展要求', 18),
 ('gbt-22239-2019', 's8.3', 's8', 'control', '8.3', 'Level 3: mobile internet extension', '第三级：移动互联安全扩展要求', 19),
 ('gbt-22239-2019', 's8.4', 's8', 'control', '8.4', 'Level 3: internet of things extension', '第三级：物联网安全扩展要求', 20),
 ('gbt-22239-2019', 's8.5', 's8', 'control', '8.5', 'Level 3: industrial control systems extension', '第三级：工业控制系统安全扩展要求', 21),
 ('gbt-22239-2019', 's9', NULL, 'group', '9', 'Level 4 requirements', '第四级安全要求', 22),
 ('gbt-22239-2019', 's9.1', 's9', 'control', '9.1', 'Level 4: general requirements', '第四级：安全通用要求', 23);
