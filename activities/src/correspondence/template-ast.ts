import Handlebars from 'handlebars';

type AstNode = { type?: string; [key: string]: unknown };

/** Every node of a template's syntax tree; throws on a syntax error. */
function nodesOf(source: string): AstNode[] {
  const nodes: AstNode[] = [];
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) return value.forEach(visit);
    if (!value || typeof value !== 'object') return;
    const node = value as AstNode;
    if (typeof node.type === 'string') nodes.push(node);
    for (const child of Object.values(node)) if (child && typeof child === 'object') visit(child);
  };
  visit(Handlebars.parse(source));
  return nodes;
}

/** The partials a template calls by name (`{{> letter}}`, `{{#> letter}}`), not `@partial-block`. */
export function partialsCalled(source: string): string[] {
  const names = new Set<string>();
  for (const node of nodesOf(source)) {
    if (node.type !== 'PartialStatement' && node.type !== 'PartialBlockStatement') continue;
    const original = (node.name as { original?: unknown } | undefined)?.original;
    if (typeof original === 'string' && !original.startsWith('@')) names.add(original);
  }
  return [...names];
}
