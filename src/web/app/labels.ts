/**
 * Value lists the UI offers in selects. They mirror the API's enumerations (the OpenAPI document);
 * the server validates every value again, so a stale list can only produce a refused request.
 */
export const STATES = ['intake', 'determination', 'triage', 'planning', 'assessing', 'awaiting_supplement', 'expert_evaluation', 'decided', 'released', 'supervision', 'rereview', 'closed_not_required', 'closed'] as const;
export const SEVERITIES = ['critical', 'high', 'medium', 'low', 'info'] as const;
export const OUTCOMES = ['passed', 'passed_with_conditions', 'not_passed'] as const;
export const FINDING_METHODS = ['lab_testing', 'onsite_check', 'online_monitoring', 'background_investigation', 'third_party_assessment'] as const;
export const MATERIAL_KINDS = ['sbom', 'vex', 'documentation', 'test_report', 'source_code', 'certificate', 'contract', 'other'] as const;
export const TRIGGERS = ['advisory', 'change_notice', 'complaint', 'commitment_breach'] as const;
export const RELEASE_SCOPES = ['public', 'sector', 'organisations', 'internal'] as const;
