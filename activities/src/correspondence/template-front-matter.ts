import { parse } from 'yaml';

/**
 * A template file: YAML front matter between `---` lines at the top (what the catalogue knows of it), then the
 * Handlebars body, exactly as it is compiled.
 */
export function splitFrontMatter(source: string, file: string): { frontMatter: unknown; body: string } {
  const match = /^---\r?\n([\s\S]*?)\r?\n---\r?\n/.exec(source);
  if (!match) throw new Error(`${file} does not start with front matter between --- lines`);
  let frontMatter: unknown;
  try {
    frontMatter = parse(match[1]);
  } catch (error) {
    throw new Error(`${file}: the front matter is not YAML: ${(error as Error).message}`);
  }
  return { frontMatter, body: source.slice(match[0].length) };
}
