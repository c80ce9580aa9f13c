/** CSV as RFC 4180 has it (fields quoted when they hold a quote, comma or line break; CRLF between records). */
export function toCsv(header: readonly string[], rows: readonly (readonly (string | number)[])[]): string {
  const quote = (value: string | number) => {
    const text = String(value);
    return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
  };
  return [header, ...rows].map((row) => row.map(quote).join(',')).join('\r\n');
}
