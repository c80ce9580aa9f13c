/** The text layer of a PDF, page by page, with paragraphs separated by blank lines. */
import type { IssueLog } from '../issues.js';

export async function pdfToText(bytes: Buffer, file: string, log: IssueLog): Promise<string | undefined> {
  // Loaded on demand: pdf.js is large, and most corpora hold no PDF.
  const { getDocument, VerbosityLevel } = await import('pdfjs-dist/legacy/build/pdf.mjs');
  try {
    const pdf = await getDocument({
      data: new Uint8Array(bytes),
      isEvalSupported: false,
      disableFontFace: true,
      useSystemFonts: false,
      verbosity: VerbosityLevel.ERRORS,
    }).promise;
    const pages: string[] = [];
    for (let number = 1; number <= pdf.numPages; number++) {
      const content = await (await pdf.getPage(number)).getTextContent();
      let page = '';
      for (const item of content.items) {
        if (!('str' in item)) continue;
        page += item.str + (item.hasEOL ? '\n' : '');
      }
      pages.push(page.trim());
    }
    await pdf.destroy();
    return pages.join('\n\n');
  } catch (error) {
    log.error({
      file,
      message: `cannot read PDF: ${(error as Error).message}`,
      hint: 'check that the file is a complete, unencrypted PDF with a text layer',
    });
    return undefined;
  }
}
