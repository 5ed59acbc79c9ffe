// HTML mail from plain text. Every piece of text is escaped, so a name like
// `<script>alert(1)</script>` arrives as text, never as markup. Paragraphs are split on
// blank lines; a paragraph that is just an http(s) URL becomes a link.
//   "Hi <b>Bo</b>,\n\nSee:\n\nhttps://x.test/b?1&2" →
//   <p>Hi &lt;b&gt;Bo&lt;/b&gt;,</p><p>See:</p><p><a href="https://x.test/b?1&amp;2">https://x.test/b?1&amp;2</a></p>

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text safe inside HTML element content and quoted attribute values. */
export const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => ENTITIES[c]!);

const URL_ONLY = /^https?:\/\/\S+$/;

function paragraph(block: string): string {
  const trimmed = block.trim();
  const safe = escapeHtml(trimmed);
  if (URL_ONLY.test(trimmed)) return `<p><a href="${safe}">${safe}</a></p>`;
  return `<p>${safe.replace(/\r?\n/g, '<br>')}</p>`;
}

/** A complete, minimal HTML document carrying the same words as `text`. */
export function htmlFromText(text: string): string {
  const body = text
    .split(/\r?\n\s*\r?\n/)
    .filter((b) => b.trim())
    .map(paragraph)
    .join('\n');
  return `<!doctype html>
<html><head><meta charset="utf-8"></head>
<body style="font-family:system-ui,sans-serif;line-height:1.5;color:#1f2933">
${body}
</body></html>`;
}
