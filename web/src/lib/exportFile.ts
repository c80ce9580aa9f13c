/** Hands a file to the browser; CSV is written by the shared server/domain/csv.ts. */
export { toCsv } from '../../../server/domain/csv.js';

export function download(filename: string, type: string, content: string): void {
  const url = URL.createObjectURL(new Blob([content], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
