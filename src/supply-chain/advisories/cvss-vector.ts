/**
 * Shared parsing of CVSS vector strings ("AV:N/AC:L/..."): every version uses the same
 * "metric:value" list separated by '/', and every version forbids unknown metrics, repeated
 * metrics and missing base metrics. The version modules only supply their metric tables.
 */

export class CvssVectorError extends Error {
  readonly vector: string;
  constructor(vector: string, message: string) {
    super(`invalid CVSS vector "${vector.length > 120 ? `${vector.slice(0, 117)}...` : vector}": ${message}`);
    this.name = 'CvssVectorError';
    this.vector = vector;
  }
}

export interface MetricTable {
  /** Metric name → allowed values, in the order the spec lists them. */
  metrics: Record<string, readonly string[]>;
  /** Metrics that must be present. */
  required: readonly string[];
  /** When true, metrics must appear in the table's order (CVSS v4.0 §7). */
  ordered: boolean;
}

const orders = new WeakMap<MetricTable, Map<string, number>>();
function orderOf(table: MetricTable): Map<string, number> {
  let o = orders.get(table);
  if (!o) orders.set(table, (o = new Map(Object.keys(table.metrics).map((k, i) => [k, i]))));
  return o;
}

/** Vectors far longer than any legal one are refused before splitting. */
const MAX_VECTOR_LENGTH = 512;

/**
 * Splits `body` (the vector without its "CVSS:x.y/" prefix) into metric → value, checking each
 * part against the table. `full` is the whole vector, quoted in errors.
 */
export function parseMetrics(full: string, body: string, table: MetricTable, label: string): Map<string, string> {
  if (full.length > MAX_VECTOR_LENGTH) throw new CvssVectorError(full, `longer than ${MAX_VECTOR_LENGTH} characters`);
  if (body === '') throw new CvssVectorError(full, `no metrics after the ${label} prefix`);
  const order = orderOf(table);
  const out = new Map<string, string>();
  let lastIndex = -1;
  const parts = body.split('/');
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i] ?? '';
    const colon = part.indexOf(':');
    if (part === '') throw new CvssVectorError(full, `empty component at position ${i + 1} (doubled or trailing '/')`);
    if (colon <= 0 || colon === part.length - 1) {
      throw new CvssVectorError(full, `component ${i + 1} "${part}" is not METRIC:VALUE`);
    }
    const name = part.slice(0, colon);
    const value = part.slice(colon + 1);
    const allowed = table.metrics[name];
    if (!allowed) throw new CvssVectorError(full, `unknown ${label} metric "${name}" at component ${i + 1}`);
    if (out.has(name)) throw new CvssVectorError(full, `metric "${name}" appears more than once`);
    if (!allowed.includes(value)) {
      throw new CvssVectorError(full, `metric "${name}" has invalid value "${value}" (allowed: ${allowed.join(', ')})`);
    }
    const index = order.get(name) ?? -1;
    if (table.ordered && index < lastIndex) {
      throw new CvssVectorError(full, `metric "${name}" is out of order (${label} requires the specification's order)`);
    }
    lastIndex = index;
    out.set(name, value);
  }
  const missing = table.required.filter((m) => !out.has(m));
  if (missing.length > 0) throw new CvssVectorError(full, `missing base metric${missing.length > 1 ? 's' : ''} ${missing.join(', ')}`);
  return out;
}

/** Qualitative rating shared by CVSS v3.x and v4.0 (both specs' "Qualitative Severity Rating Scale"). */
export function ratingV3V4(score: number): 'none' | 'low' | 'medium' | 'high' | 'critical' {
  if (score === 0) return 'none';
  if (score < 4) return 'low';
  if (score < 7) return 'medium';
  if (score < 9) return 'high';
  return 'critical';
}
