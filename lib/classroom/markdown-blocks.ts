/**
 * A scenario step's Markdown as plain data the page renders with React elements (never as HTML):
 * paragraphs, bullet and numbered lists, and inside them **bold**, *emphasis* and `code`.
 * Anything else stays text as written.
 */
export type Span = { kind: "text" | "strong" | "em" | "code"; text: string };
export type Block = { kind: "paragraph"; spans: Span[] } | { kind: "list"; ordered: boolean; items: Span[][] };

const ITEM = /^\s{0,3}(?:([-*+])|(\d{1,9})[.)])\s+(.*)$/;

export function markdownBlocks(markdown: string): Block[] {
  const blocks: Block[] = [];
  let paragraph: string[] = [];
  let list: { ordered: boolean; items: string[] } | null = null;
  const flush = () => {
    if (paragraph.length) blocks.push({ kind: "paragraph", spans: inlineSpans(paragraph.join(" ")) });
    if (list) blocks.push({ kind: "list", ordered: list.ordered, items: list.items.map(inlineSpans) });
    paragraph = [];
    list = null;
  };
  for (const raw of markdown.replace(/\r\n?/g, "\n").split("\n")) {
    const line = raw.trim();
    const item = ITEM.exec(raw);
    if (line === "") flush();
    else if (item) {
      const ordered = item[2] !== undefined;
      if (paragraph.length || (list && list.ordered !== ordered)) flush();
      list ??= { ordered, items: [] };
      list.items.push(item[3].trim());
    } else if (list && /^\s/.test(raw)) list.items[list.items.length - 1] += ` ${line}`;
    else {
      if (list) flush();
      paragraph.push(line);
    }
  }
  flush();
  return blocks;
}

const MARKERS: { open: string; kind: Span["kind"] }[] = [
  { open: "`", kind: "code" },
  { open: "**", kind: "strong" },
  { open: "__", kind: "strong" },
  { open: "*", kind: "em" },
  { open: "_", kind: "em" },
];

/** Inline marks, not nested; a mark without its closing twin is text. */
export function inlineSpans(text: string): Span[] {
  const spans: Span[] = [];
  let plain = "";
  let i = 0;
  while (i < text.length) {
    const mark = MARKERS.find((m) => text.startsWith(m.open, i) && opensAt(text, i, m.open));
    const end = mark ? text.indexOf(mark.open, i + mark.open.length) : -1;
    if (mark && end > i + mark.open.length) {
      if (plain) spans.push({ kind: "text", text: plain });
      plain = "";
      spans.push({ kind: mark.kind, text: text.slice(i + mark.open.length, end) });
      i = end + mark.open.length;
    } else {
      plain += text[i];
      i++;
    }
  }
  if (plain) spans.push({ kind: "text", text: plain });
  return spans;
}

/** `_` only opens at a word's start (snake_case stays text); the others open anywhere but before a space. */
function opensAt(text: string, i: number, open: string): boolean {
  const next = text[i + open.length];
  if (next === undefined || next === " ") return false;
  return !open.startsWith("_") || i === 0 || !/\w/.test(text[i - 1]);
}
