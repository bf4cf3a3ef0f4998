import type { PublicResult } from '@anagen/core/contracts';

const esc = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const day = (iso: string, timeZone: string) =>
  new Intl.DateTimeFormat('en-GB', { timeZone, day: 'numeric', month: 'long', year: 'numeric' }).format(
    new Date(iso),
  );

const STYLE = `
:root{color-scheme:light;--fg:#1d2327;--muted:#4a5560;--line:#d5dbe0;--accent:#0b5cad;--bg:#fff;--soft:#f4f6f8}
*{box-sizing:border-box}body{margin:0;font:16px/1.6 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--fg);background:var(--bg)}
main{max-width:1040px;margin:0 auto;padding:16px}a{color:var(--accent)}a:focus-visible,button:focus-visible,input:focus-visible{outline:3px solid var(--accent);outline-offset:2px}
h1{font-size:32px;line-height:1.25;margin:16px 0}h2{font-size:24px;margin:24px 0 8px}h3{font-size:20px;margin:16px 0 8px}
.card{border:1px solid var(--line);border-radius:8px;padding:16px;margin:16px 0;background:var(--bg)}
.share{background:var(--soft)}.pair{display:grid;grid-template-columns:1fr 1fr;gap:8px}
figure{margin:0}figure img{width:100%;height:auto;display:block;border-radius:4px;background:var(--soft)}figcaption{font-size:14px;color:var(--muted)}
dl{display:grid;grid-template-columns:max-content 1fr;gap:4px 16px;margin:8px 0}dt{font-weight:600}dd{margin:0}
code{font:14px/1.4 ui-monospace,monospace;word-break:break-all}.note{border-left:4px solid #a15c00;padding:4px 12px;background:#fff8ec}
button{font:inherit;min-height:44px;padding:8px 16px;border:1px solid var(--accent);background:var(--accent);color:#fff;border-radius:6px;cursor:pointer}
.ok{color:#0a6b2d;font-weight:600}.bad{color:#a3001b;font-weight:600}
@media (max-width:600px){.pair{grid-template-columns:1fr}}
`;

function page(title: string, body: string, script?: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${esc(title)}</title><style>${STYLE}</style>${script ? `<script src="${script}" defer></script>` : ''}</head>
<body><main>${body}</main></body></html>`;
}

export function renderIndex(treatments: { slug: string; name: string }[]): string {
  const list = treatments.length
    ? `<ul>${treatments.map((t) => `<li><a href="/treatments/${esc(t.slug)}/results">${esc(t.name)}</a></li>`).join('')}</ul>`
    : '<p>No results are published yet.</p>';
  return page(
    'Before-and-after results',
    `<p><a href="/">Home</a></p><h1>Before-and-after results</h1>${list}`,
  );
}

const pct = (share: number) => `${Math.round(share * 100)} %`;

function changeLine(r: PublicResult): string {
  const m = r.measuredChange;
  if (!m) return '<dd>No close-up measurement at both visits, so no measured change is shown.</dd>';
  const sign = m.change > 0 ? '+' : '';
  const range = m.clinicRange
    ? ` The clinic’s middle 80 % at ${m.clinicRange.month} months: ${m.clinicRange.p10.toFixed(1)} to ${m.clinicRange.p90.toFixed(1)} (${m.clinicRange.n} patients)${m.outsideClinicRange ? ' — this pair lies <strong>outside</strong> that range.' : '.'}`
    : ' Not enough patients yet to place it in the clinic’s range.';
  return `<dd>${sign}${m.change.toFixed(1)} hairs/cm² at ${esc(m.site)} (${m.densityBefore.toFixed(1)} → ${m.densityAfter.toFixed(1)}).${range}</dd>`;
}

function pairFigure(r: PublicResult, timeZone: string, headingLevel: 'h2' | 'h3'): string {
  const months =
    r.monthsSinceFirstTreatment === null
      ? ''
      : `, ${r.monthsSinceFirstTreatment} months after the first treatment`;
  const img = (which: 'before' | 'after') => {
    const s = r[which];
    return `<figure><img src="${esc(s.url)}" alt="${which === 'before' ? 'Before' : 'After'}: ${esc(r.view)} view of the scalp, ${esc(day(s.takenAt, timeZone))}" loading="lazy" decoding="async">
<figcaption>${which === 'before' ? 'Before' : 'After'} · ${esc(day(s.takenAt, timeZone))}</figcaption></figure>`;
  };
  return `<article class="card" aria-labelledby="pair-${esc(r.id)}">
<${headingLevel} id="pair-${esc(r.id)}">${esc(r.view)} view${esc(months)}</${headingLevel}>
<div class="pair">${img('before')}${img('after')}</div>
${r.note ? `<p class="note"><strong>Clinic note:</strong> ${esc(r.note)}</p>` : ''}
<dl>
<dt>Taken</dt><dd>${esc(day(r.before.takenAt, timeZone))} and ${esc(day(r.after.takenAt, timeZone))}</dd>
<dt>Protocol</dt><dd>${esc(r.protocol)}</dd>
<dt>Between the photos</dt><dd>${r.treatmentsBetween.length ? esc(r.treatmentsBetween.join('; ')) : 'No recorded treatment'}</dd>
<dt>Measured change</dt>${changeLine(r)}
<dt>Changes to the image</dt><dd>${esc(r.operations.join('; '))}. Nothing else was changed.</dd>
<dt>Verification</dt><dd>SHA-256 of the published before file <code>${esc(r.before.sha256.slice(0, 16))}…</code> · <a href="${esc(r.verifyUrl)}">check it yourself</a></dd>
</dl></article>`;
}

export function renderGallery(input: {
  slug: string;
  name: string;
  results: PublicResult[];
  responders: { n: number; count: number; share: number | null };
  timeZone: string;
}): string {
  const { responders } = input;
  const share =
    responders.share === null
      ? `<p>Not enough patients yet: the clinic shows its responder share from 5 patients with a follow-up measurement (now ${responders.n}).</p>`
      : `<p><strong>${pct(responders.share)}</strong> of ${responders.n} patients treated here responded (${responders.count} of ${responders.n}: density rose by more than two combined measurement uncertainties at their latest follow-up). The pairs below are individual patients; results vary from person to person, and this share counts every patient measured here.</p>`;
  const pairs = input.results.length
    ? input.results.map((r) => pairFigure(r, input.timeZone, 'h3')).join('')
    : '<p>No before-and-after results are published for this treatment yet.</p>';
  return page(
    `${input.name}: verified before-and-after results`,
    `<p><a href="/results">All results</a> · <a href="/treatments/${esc(input.slug)}">About ${esc(input.name)}</a> · <a href="/treatments/${esc(input.slug)}/outcomes">Clinic outcome figures</a></p>
<h1>${esc(input.name)}: before and after</h1>
<p>Every pair is published with the patient’s consent, which they can withdraw at any time. Each image is the clinic’s stored original apart from the changes listed with it, and its fingerprint (SHA-256) can be checked on its verification page.</p>
<section class="card share" aria-labelledby="share"><h2 id="share">How typical are these?</h2>${share}</section>
<section aria-labelledby="pairs"><h2 id="pairs">Published pairs (${input.results.length})</h2>${pairs}</section>`,
  );
}

export function renderVerify(
  r: (PublicResult & { treatmentName: string }) | null,
  withdrawn: boolean,
  timeZone = 'UTC',
): string {
  if (!r) {
    return page(
      withdrawn ? 'Result withdrawn' : 'Result not found',
      `<h1>${withdrawn ? 'This result was withdrawn' : 'No published result here'}</h1><p>${withdrawn ? 'The patient withdrew consent; the images have been deleted.' : 'This address does not belong to a published result.'}</p><p><a href="/results">All results</a></p>`,
    );
  }
  const row = (
    which: 'before' | 'after',
  ) => `<tr><th scope="row">${which === 'before' ? 'Before' : 'After'}</th>
<td><code data-expected="${esc(r[which].sha256)}" data-url="${esc(r[which].url)}">${esc(r[which].sha256)}</code></td>
<td><code>${esc(r.originalPixelsSha256[which])}</code></td>
<td><output data-result-for="${which}" aria-live="polite">Not checked yet</output></td></tr>`;
  return page(
    `Verify a ${r.treatmentName} result`,
    `<p><a href="/treatments/${esc(r.treatment)}/results">${esc(r.treatmentName)} results</a></p>
<h1>Verify this ${esc(r.treatmentName)} result</h1>
${pairFigure(r, timeZone, 'h2')}
<section class="card" aria-labelledby="hashes"><h2 id="hashes">Fingerprints</h2>
<p>The published files’ SHA-256 is computed over the exact bytes served. The originals’ pixel SHA-256 is over the stored original’s pixels (8-bit sRGB, upright, row by row), recorded by the clinic when the patient consented; the published image is that original apart from the listed changes.</p>
<table><thead><tr><th scope="col">Image</th><th scope="col">Published file SHA-256</th><th scope="col">Original pixels SHA-256</th><th scope="col">Your check</th></tr></thead>
<tbody>${row('before')}${row('after')}</tbody></table>
<p><button type="button" id="check-served">Check the published files now</button></p>
<p><label for="own-file">Or check a file you saved:</label> <input type="file" id="own-file" accept="image/jpeg"> <output id="own-result" aria-live="polite"></output></p>
<noscript><p>Without JavaScript: download a file and run <code>sha256sum</code> on it; it must print the value above.</p></noscript>
</section>`,
    '/results/verify.js',
  );
}

/** Hashes in the browser with crypto.subtle: the clinic's server is not asked whether it is honest. */
export const VERIFY_SCRIPT = `'use strict';
(function () {
  var hex = function (buf) { return Array.from(new Uint8Array(buf)).map(function (b) { return b.toString(16).padStart(2, '0'); }).join(''); };
  var sha = function (buf) { return crypto.subtle.digest('SHA-256', buf).then(hex); };
  var cells = Array.prototype.slice.call(document.querySelectorAll('code[data-expected]'));
  var button = document.getElementById('check-served');
  if (button) button.addEventListener('click', function () {
    cells.forEach(function (code, i) {
      var out = document.querySelector('[data-result-for="' + (i === 0 ? 'before' : 'after') + '"]');
      out.textContent = 'Checking…';
      fetch(code.dataset.url, { cache: 'no-store' }).then(function (r) {
        if (!r.ok) throw new Error('HTTP ' + r.status);
        return r.arrayBuffer();
      }).then(sha).then(function (got) {
        var ok = got === code.dataset.expected;
        out.className = ok ? 'ok' : 'bad';
        out.textContent = ok ? 'Matches: ' + got.slice(0, 16) + '…' : 'Does not match: ' + got;
      }).catch(function (e) { out.className = 'bad'; out.textContent = 'Could not fetch: ' + e.message; });
    });
  });
  var input = document.getElementById('own-file');
  if (input) input.addEventListener('change', function () {
    var out = document.getElementById('own-result');
    var file = input.files && input.files[0];
    if (!file) return;
    file.arrayBuffer().then(sha).then(function (got) {
      var match = cells.filter(function (c) { return c.dataset.expected === got; })[0];
      out.className = match ? 'ok' : 'bad';
      out.textContent = match ? 'Matches the published file: ' + got.slice(0, 16) + '…' : 'Matches neither published file: ' + got;
    });
  });
})();
`;
