/** Problems found while ingesting: each names the file, line and field, and says how to fix it. */

export interface IngestIssue {
  severity: 'error' | 'warning';
  file: string;
  line?: number;
  field?: string;
  message: string;
  hint?: string;
}

export function formatIssue(issue: IngestIssue): string {
  const where = issue.line ? `${issue.file}:${issue.line}` : issue.file;
  const field = issue.field ? ` [${issue.field}]` : '';
  const hint = issue.hint ? `\n    hint: ${issue.hint}` : '';
  return `${issue.severity}: ${where}${field}: ${issue.message}${hint}`;
}

/**
 * At most this many errors and this many warnings are kept per run: past that, the rest are nearly always
 * echoes of one cause (a folder linked into itself, a file that is not YAML at all), and listing them all
 * made a report of megabytes that hid the first, useful ones.
 */
export const MAX_REPORTED_ISSUES = 100;

/** Collects the problems of a run, so that a user sees them together; past MAX_REPORTED_ISSUES, only counts. */
export class IssueLog {
  private readonly kept: Record<IngestIssue['severity'], IngestIssue[]> = { error: [], warning: [] };
  private readonly left: Record<IngestIssue['severity'], { count: number; first?: IngestIssue }> = {
    error: { count: 0 },
    warning: { count: 0 },
  };

  error(issue: Omit<IngestIssue, 'severity'>): void {
    this.add({ severity: 'error', ...issue });
  }

  warn(issue: Omit<IngestIssue, 'severity'>): void {
    this.add({ severity: 'warning', ...issue });
  }

  private add(issue: IngestIssue): void {
    const kept = this.kept[issue.severity];
    if (kept.length < MAX_REPORTED_ISSUES) {
      kept.push(issue);
      return;
    }
    const left = this.left[issue.severity];
    left.count++;
    left.first ??= issue;
  }

  get errors(): IngestIssue[] {
    return this.listed('error');
  }

  get warnings(): IngestIssue[] {
    return this.listed('warning');
  }

  /** The kept issues of one severity, then one line that counts the rest and names the first of them. */
  private listed(severity: IngestIssue['severity']): IngestIssue[] {
    const kept = this.kept[severity];
    const { count, first } = this.left[severity];
    if (!first) return [...kept];
    return [
      ...kept,
      {
        severity,
        file: first.file,
        ...(first.line ? { line: first.line } : {}),
        message: `and ${count} more ${severity}(s) not listed, from here on`,
        hint: `fix the ${MAX_REPORTED_ISSUES} above first: the rest often share their cause`,
      },
    ];
  }
}

export class IngestFailed extends Error {
  constructor(readonly issues: IngestIssue[]) {
    const errors = issues.filter((issue) => issue.severity === 'error');
    super(`Ingest failed with ${errors.length} error(s); nothing was written.\n${errors.map(formatIssue).join('\n')}`);
    this.name = 'IngestFailed';
  }
}
