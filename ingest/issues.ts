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

/** Collects every problem of a run, so that a user sees them all at once. */
export class IssueLog {
  readonly issues: IngestIssue[] = [];

  error(issue: Omit<IngestIssue, 'severity'>): void {
    this.issues.push({ severity: 'error', ...issue });
  }

  warn(issue: Omit<IngestIssue, 'severity'>): void {
    this.issues.push({ severity: 'warning', ...issue });
  }

  get errors(): IngestIssue[] {
    return this.issues.filter((issue) => issue.severity === 'error');
  }

  get warnings(): IngestIssue[] {
    return this.issues.filter((issue) => issue.severity === 'warning');
  }
}

export class IngestFailed extends Error {
  constructor(readonly issues: IngestIssue[]) {
    const errors = issues.filter((issue) => issue.severity === 'error');
    super(`Ingest failed with ${errors.length} error(s); nothing was written.\n${errors.map(formatIssue).join('\n')}`);
    this.name = 'IngestFailed';
  }
}
