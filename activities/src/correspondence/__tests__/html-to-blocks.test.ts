// The letters' HTML read into the blocks a PDF is laid out from: what the HTML says, no more and no less.
import { bold, htmlToBlocks, plain } from '../pdf';

it('reads the letterhead, the address, headings, paragraphs and lists, in order', () => {
  const html = `<!DOCTYPE html><html><head><title>Subject</title><style>body { color: red; }</style></head>
<body>
<div class="letterhead">
  <div class="organisation">Example NHS Trust</div>
  <div>1 Road, Town</div>
  <div>Telephone 01632 960000 · Email a@example.org</div>
</div>
<div class="address">
  Alex Example<br>
  12 Acacia Avenue<br>Hatfield<br>
  AL10 9AB
</div>
<p class="reference">Our reference: HPFT-2099-000001</p>
<h2>What we found</h2>
<h3>Issue 1: the wait</h3>
<p><strong>Outcome: Upheld</strong></p>
<p>First line<br>
   second   line.</p>
<ol><li>One</li><li><strong>Two:</strong> more</li></ol>
<ul><li>Only</li></ul>
</body></html>`;
  expect(htmlToBlocks(html)).toEqual([
    {
      kind: 'letterhead',
      organisation: 'Example NHS Trust',
      lines: ['1 Road, Town', 'Telephone 01632 960000 · Email a@example.org'],
    },
    { kind: 'address', lines: ['Alex Example', '12 Acacia Avenue', 'Hatfield', 'AL10 9AB'] },
    { kind: 'paragraph', runs: [bold('Our reference: HPFT-2099-000001')] },
    { kind: 'heading', level: 2, runs: [plain('What we found')] },
    { kind: 'heading', level: 3, runs: [plain('Issue 1: the wait')] },
    { kind: 'paragraph', runs: [bold('Outcome: Upheld')] },
    { kind: 'paragraph', runs: [plain('First line\nsecond line.')] },
    { kind: 'list', ordered: true, items: [[plain('One')], [bold('Two:'), plain(' more')]] },
    { kind: 'list', ordered: false, items: [[plain('Only')]] },
  ]);
});

it('keeps markup a person typed as the words they typed, and never prints a script or style', () => {
  const blocks = htmlToBlocks(
    '<p>Dear &lt;script&gt;alert(1)&lt;/script&gt; &amp; Co,</p><script>var x = 1;</script><p>A&nbsp;B</p>',
  );
  expect(blocks).toEqual([
    { kind: 'paragraph', runs: [plain('Dear <script>alert(1)</script> & Co,')] },
    { kind: 'paragraph', runs: [plain('A\u00a0B')] },
  ]);
});

it('reads text outside paragraphs as paragraphs, nested lists into one, and leaves out empty elements', () => {
  const blocks = htmlToBlocks(
    '<div>Loose text <strong>bold</strong></div><p> </p><ul><li>a<ul><li>b</li></ul></li><li><p>c</p><p>d</p></li></ul>',
  );
  expect(blocks).toEqual([
    { kind: 'paragraph', runs: [plain('Loose text '), bold('bold')] },
    { kind: 'list', ordered: false, items: [[plain('a')], [plain('b')], [plain('c\nd')]] },
  ]);
});
