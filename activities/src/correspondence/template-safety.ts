// What no template may contain, built-in or an organisation's override (issue #14): nothing that fetches from
// elsewhere when the letter is opened (an image, remote CSS, a frame — a tracking pixel tells a third party that
// the person read a letter about their complaint), no link to a host not on LINK_HOSTS, nothing that runs, and no
// Handlebars construct that writes case data anywhere but into the escaped letter: `{{log}}` (the service log),
// `lookup`, inline partials and decorators (which can shadow the fixed Ombudsman partials), dynamic partials, and
// unescaped output.
import Handlebars from 'handlebars';
import { Parser } from 'htmlparser2';
import { HELPER_NAMES } from './template-helpers';

/** Hosts a letter may link to or name as a website (and their subdomains): the Ombudsman routes and the NHS. */
export const LINK_HOSTS = [
  'nhs.uk',
  'nhs.net',
  'ombudsman.org.uk',
  'lgo.org.uk',
  'cqc.org.uk',
  'iscas.org.uk',
] as const;

/** Handlebars' own block helpers a template may use; every other built-in (`log`, `lookup`…) is refused. */
const BUILT_IN_HELPERS = ['if', 'unless', 'each', 'with'];
const ALLOWED_HELPERS = new Set([...BUILT_IN_HELPERS, ...HELPER_NAMES]);
const REFUSED_BUILT_INS = new Set(['log', 'lookup', 'helperMissing', 'blockHelperMissing']);

/** Elements that load or run something, or take input; `meta` is allowed only as `<meta charset>`. */
const REFUSED_ELEMENTS = new Set([
  'img',
  'image',
  'picture',
  'source',
  'video',
  'audio',
  'track',
  'script',
  'noscript',
  'iframe',
  'frame',
  'frameset',
  'object',
  'embed',
  'applet',
  'link',
  'base',
  'form',
  'input',
  'button',
  'select',
  'textarea',
  'svg',
  'math',
  'canvas',
  'portal',
]);
const LOADING_ATTRIBUTES = new Set([
  'src',
  'srcset',
  'background',
  'poster',
  'data',
  'action',
  'formaction',
  'xlink:href',
  'lowsrc',
  'dynsrc',
  'ping',
  'manifest',
  'longdesc',
  'cite',
]);

/** Stands for whatever a `{{ }}` prints, when the source's markup is read before it is rendered. */
const VALUE = '\u2060value\u2060';

const hostAllowed = (host: string) =>
  LINK_HOSTS.some((allowed) => host === allowed || host.endsWith(`.${allowed}`));

type AstNode = { type?: string; [key: string]: unknown };

function visit(value: unknown, into: AstNode[]): void {
  if (Array.isArray(value)) return value.forEach((item) => visit(item, into));
  if (!value || typeof value !== 'object') return;
  const node = value as AstNode;
  if (typeof node.type === 'string') into.push(node);
  for (const child of Object.values(node)) if (child && typeof child === 'object') visit(child, into);
}

const pathName = (node: unknown): string | undefined => {
  const path = node as { type?: string; original?: unknown } | undefined;
  return path?.type === 'PathExpression' && typeof path.original === 'string' ? path.original : undefined;
};

/** What the Handlebars of a template does that no template may do. Throws on a syntax error. */
function handlebarsProblems(source: string, partials: readonly string[]): string[] {
  const nodes: AstNode[] = [];
  visit(Handlebars.parse(source), nodes);
  const problems = new Set<string>();
  for (const node of nodes) {
    switch (node.type) {
      case 'MustacheStatement':
      case 'BlockStatement':
      case 'SubExpression': {
        const name = pathName(node.path);
        if (node.type === 'MustacheStatement' && node.escaped === false)
          problems.add(
            'prints a value unescaped ({{{ }}} or {{& }}): case data is always escaped with {{ }}',
          );
        if (name && REFUSED_BUILT_INS.has(name))
          problems.add(
            name === 'log'
              ? 'uses {{log}}, which writes case data into the service log'
              : `uses the helper ${name}, which no letter needs`,
          );
        const called =
          node.type !== 'MustacheStatement' ||
          (Array.isArray(node.params) && node.params.length > 0) ||
          (node.hash as { pairs?: unknown[] } | undefined)?.pairs?.length;
        if (name && called && !ALLOWED_HELPERS.has(name) && !REFUSED_BUILT_INS.has(name))
          problems.add(`calls ${name}, which is not a helper letters may use`);
        break;
      }
      case 'PartialStatement':
      case 'PartialBlockStatement': {
        const name = pathName(node.name);
        if (name === undefined) problems.add('calls a partial chosen by a value; name the partial');
        else if (!name.startsWith('@') && !partials.includes(name))
          problems.add(`calls the partial ${name}, which does not exist`);
        break;
      }
      case 'Decorator':
      case 'DecoratorBlock':
        problems.add('defines an inline partial or decorator ({{#* }}); use the shared partials');
        break;
    }
  }
  return [...problems];
}

/** What the markup does that no letter may do: load, run, or link where a letter may not. */
export function markupProblems(html: string): string[] {
  const problems = new Set<string>();
  const checkUrl = (url: string, what: string) => {
    const value = url.trim();
    if (value.includes(VALUE)) return problems.add(`${what} is made from a value; write the address out`);
    if (/^(mailto|tel):/i.test(value)) return;
    const host = /^https:\/\/([^/:?#]+)/i.exec(value)?.[1]?.toLowerCase();
    if (!host) return problems.add(`${what} "${value.slice(0, 80)}" is not an https address`);
    if (!hostAllowed(host))
      problems.add(`${what} goes to ${host}, which is not on the list of hosts (${LINK_HOSTS.join(', ')})`);
  };
  const checkText = (text: string) => {
    if (/url\s*\(|@import|expression\s*\(/i.test(text))
      problems.add('loads something through CSS (url(), @import)');
    for (const match of text.matchAll(/\b(?:https?:\/\/|www\.)([a-z0-9-]+(?:\.[a-z0-9-]+)+)/gi)) {
      const host = match[1].toLowerCase().replace(/^www\./, '');
      if (!hostAllowed(host))
        problems.add(
          `names the website ${host}, which is not on the list of hosts (${LINK_HOSTS.join(', ')})`,
        );
    }
  };
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        const element = name.toLowerCase();
        if (REFUSED_ELEMENTS.has(element))
          problems.add(`has a <${element}> element: a letter loads and runs nothing from elsewhere`);
        if (element === 'meta' && Object.keys(attributes).some((attribute) => attribute !== 'charset'))
          problems.add('has a <meta> other than <meta charset>');
        for (const [attribute, value] of Object.entries(attributes)) {
          const key = attribute.toLowerCase();
          if (key.startsWith('on')) problems.add(`has an ${key} attribute: a letter runs nothing`);
          else if (LOADING_ATTRIBUTES.has(key))
            problems.add(`has a ${key} attribute, which loads from elsewhere`);
          else if (key === 'href') checkUrl(value, 'a link');
          else if (key === 'style') checkText(value);
        }
      },
      ontext: checkText,
    },
    { decodeEntities: true, lowerCaseAttributeNames: true },
  );
  parser.write(html);
  parser.end();
  return [...problems];
}

/** The template's source with each `{{ }}` as a placeholder, to read its markup before anything is rendered. */
function markupOf(source: string): string {
  return source.replace(/\{\{!--[\s\S]*?--\}\}|\{\{![\s\S]*?\}\}/g, '').replace(/\{\{[\s\S]*?\}\}/g, VALUE);
}

/**
 * Every reason a template's source (a body, a subject line or a partial) is not safe to send, none when it is.
 * Throws when it is not Handlebars at all. The rendered letter is checked too (markupProblems): markup can be put
 * together from pieces the source alone does not show.
 */
export function sourceSafetyProblems(source: string, partials: readonly string[]): string[] {
  return [...new Set([...handlebarsProblems(source, partials), ...markupProblems(markupOf(source))])];
}
