// Pure pieces of the outbox: HTML escaping and the retry schedule.
import 'reflect-metadata';
import { escapeHtml, htmlFromText } from '../src/modules/email/email-html';
import { idFromKey } from '../src/modules/email/email-outbox';
import { backoffMs } from '../src/modules/email/outbox-sender';

describe('escapeHtml', () => {
  it('turns every markup character into an entity', () => {
    expect(escapeHtml(`<script>alert("x")</script> & 'y'`)).toBe('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;');
  });
});

describe('htmlFromText', () => {
  it('makes paragraphs and line breaks of the text, escaped, and links of URL-only paragraphs', () => {
    const html = htmlFromText('Hi <b>Bo</b>,\n\nLine one\nline two\n\nhttps://x.test/b?a=1&c=2\n\nNot a link: https://x.test');
    expect(html).toContain('<p>Hi &lt;b&gt;Bo&lt;/b&gt;,</p>');
    expect(html).toContain('<p>Line one<br>line two</p>');
    expect(html).toContain('<p><a href="https://x.test/b?a=1&amp;c=2">https://x.test/b?a=1&amp;c=2</a></p>');
    expect(html).toContain('<p>Not a link: https://x.test</p>');
  });

  it('cannot be broken out of with a quote in a URL', () => {
    expect(htmlFromText('https://x.test/"onmouseover="alert(1)')).toContain('href="https://x.test/&quot;onmouseover=&quot;alert(1)"');
  });
});

describe('backoffMs', () => {
  it('doubles from the base after each attempt, up to six hours', () => {
    expect([1, 2, 3, 4].map((n) => backoffMs(n, 30))).toEqual([30_000, 60_000, 120_000, 240_000]);
    expect(backoffMs(30, 30)).toBe(6 * 3_600_000);
  });
});

describe('idFromKey', () => {
  it('derives the same UUID-shaped id from the same key, and another from another key', () => {
    expect(idFromKey('a')).toBe(idFromKey('a'));
    expect(idFromKey('a')).not.toBe(idFromKey('b'));
    expect(idFromKey('a')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});
