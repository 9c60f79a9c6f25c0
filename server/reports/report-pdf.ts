// Prints the report to PDF with headless Chromium (Debian's, HUIYIN_CHROMIUM). A browser is
// started per report and closed afterwards: reports are rare, and nothing stays resident.

export async function printPdf(html: string, executablePath: string): Promise<Buffer> {
  // Loaded on first use: playwright-core costs over a second of start-up otherwise.
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({
    executablePath,
    // No network on the server: keep Chromium from reaching out; the HTML carries everything.
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  try {
    const page = await browser.newPage();
    await page.setContent(html, { waitUntil: 'load' });
    return await page.pdf({
      format: 'A4',
      printBackground: true,
      margin: { top: '16mm', bottom: '16mm', left: '14mm', right: '14mm' },
    });
  } finally {
    await browser.close();
  }
}
