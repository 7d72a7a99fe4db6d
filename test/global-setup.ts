// Builds the pre-initialised PGlite image once, so each test file opens a migrated database in
// about a second instead of running initdb (3–5 s) per file.
export default async function setup(): Promise<void> {
  const { ensureTemplate } = await import('../src/db/template.ts');
  await ensureTemplate();
}
