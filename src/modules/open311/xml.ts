/**
 * A small XML writer for GeoReport v2: UTF-8 declaration, no namespace, elements in the order
 * given. Values are escaped; characters XML 1.0 forbids are dropped. Null and undefined children
 * are omitted.
 */

export type XmlValue = string | number | boolean | null | undefined | XmlNode | XmlNode[];
export interface XmlNode {
  name: string;
  children: XmlValue | [string, XmlValue][];
}

// eslint-disable-next-line no-control-regex
const INVALID = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

export function escapeXml(s: string): string {
  return s.replace(INVALID, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

/** `el('service', [['service_code', 'X'], ['metadata', true]])`. */
export function el(name: string, children: XmlNode['children']): XmlNode {
  return { name, children };
}

function render(node: XmlNode, out: string[], depth: number): void {
  const pad = '  '.repeat(depth);
  const c = node.children;
  if (c === null || c === undefined) return;
  if (Array.isArray(c)) {
    if (c.length === 0) {
      out.push(`${pad}<${node.name}/>`);
      return;
    }
    out.push(`${pad}<${node.name}>`);
    for (const item of c) {
      if (Array.isArray(item)) {
        const [name, value] = item as [string, XmlValue];
        if (value === null || value === undefined) continue;
        if (typeof value === 'object') {
          if (Array.isArray(value)) render({ name, children: value as any }, out, depth + 1);
          else render({ name, children: (value as XmlNode).children }, out, depth + 1);
        } else {
          out.push(`${pad}  <${name}>${escapeXml(String(value))}</${name}>`);
        }
      } else {
        render(item as XmlNode, out, depth + 1);
      }
    }
    out.push(`${pad}</${node.name}>`);
    return;
  }
  if (typeof c === 'object') {
    render({ name: node.name, children: (c as XmlNode).children }, out, depth);
    return;
  }
  out.push(`${pad}<${node.name}>${escapeXml(String(c))}</${node.name}>`);
}

/** The document: `<?xml version="1.0" encoding="utf-8"?>` and the root element. */
export function xmlDocument(root: XmlNode): string {
  const out: string[] = ['<?xml version="1.0" encoding="utf-8"?>'];
  render(root, out, 0);
  return out.join('\n') + '\n';
}
