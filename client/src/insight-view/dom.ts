// Building elements without innerHTML: every text from the data goes in as a
// text node, so nothing in a segment's text can become markup.
export function el(tag: string, attributes: Record<string, string>, ...children: (Node | string)[]): HTMLElement {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attributes)) if (v !== '' || k === 'value' || k === 'selected' || k === 'secondary') e.setAttribute(k, v);
  for (const c of children) e.append(typeof c === 'string' ? document.createTextNode(c) : c);
  return e;
}

export function text(s: string): Text {
  return document.createTextNode(s);
}
