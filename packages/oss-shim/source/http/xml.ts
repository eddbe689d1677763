// S3's XML is small and fixed-shape, so it is written and read here by hand: every text node goes through
// escapeXml on the way out, and entity references are decoded on the way in.

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
};

const SPECIAL = /[&<>"']/;

export function escapeXml(text: string): string {
  // Most text (keys, numbers, dates) has nothing to escape: a test is far cheaper than a replace.
  return SPECIAL.test(text) ? text.replace(/[&<>"']/g, (char) => ESCAPES[char] ?? char) : text;
}

/** An element rendered earlier (e.g. cached per object), inserted as is. */
export class RawXml {
  constructor(readonly xml: string) {}
}

/** A child element: a text leaf, a nested list of children, or nothing (skipped). */
export type XmlNode = [name: string, content: string | number | boolean | XmlItem[] | undefined];
export type XmlItem = XmlNode | RawXml;

function renderNodes(nodes: XmlItem[]): string {
  let out = '';
  for (const node of nodes) {
    if (node instanceof RawXml) {
      out += node.xml;
      continue;
    }
    const [name, content] = node;
    if (content === undefined) continue;
    const inner = Array.isArray(content) ? renderNodes(content) : escapeXml(String(content));
    out += `<${name}>${inner}</${name}>`;
  }
  return out;
}

/** A whole document with S3's namespace on the root element. */
export function xmlDocument(root: string, content: XmlItem[] | string): string {
  const inner = typeof content === 'string' ? escapeXml(content) : renderNodes(content);
  return `<?xml version="1.0" encoding="UTF-8"?>\n<${root} xmlns="http://s3.amazonaws.com/doc/2006-03-01/">${inner}</${root}>`;
}

/** A document without a namespace, as S3 sends its <Error> bodies. */
export function xmlPlainDocument(root: string, children: XmlNode[]): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<${root}>${renderNodes(children)}</${root}>`;
}

const NAMED_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

export function decodeXmlText(text: string): string | undefined {
  let invalid = false;
  const decoded = text.replace(
    /&(#x[0-9a-fA-F]+|#[0-9]+|[a-z]+);|&/g,
    (match, entity: string | undefined) => {
      if (entity === undefined) {
        invalid = true;
        return match;
      }
      if (entity.startsWith('#')) {
        const code =
          entity[1] === 'x' ? Number.parseInt(entity.slice(2), 16) : Number.parseInt(entity.slice(1), 10);
        if (!Number.isFinite(code) || code > 0x10ffff) {
          invalid = true;
          return match;
        }
        return String.fromCodePoint(code);
      }
      const named = NAMED_ENTITIES[entity];
      if (named === undefined) invalid = true;
      return named ?? match;
    },
  );
  return invalid ? undefined : decoded;
}

/** The raw inner text of each `<name>…</name>` element in `xml`, in document order (no nesting of `name`). */
export function elementContents(xml: string, name: string): string[] {
  const pattern = new RegExp(`<${name}(?:\\s[^>]*)?>([\\s\\S]*?)</${name}>|<${name}(?:\\s[^>]*)?/>`, 'g');
  return Array.from(xml.matchAll(pattern), (match) => match[1] ?? '');
}

/** The decoded text of the single `<name>` child of `xml`, if there is one. */
export function childText(xml: string, name: string): string | undefined {
  const [first] = elementContents(xml, name);
  if (first === undefined) return undefined;
  const cdata = /^<!\[CDATA\[([\s\S]*)\]\]>$/.exec(first);
  return cdata ? cdata[1] : decodeXmlText(first);
}
