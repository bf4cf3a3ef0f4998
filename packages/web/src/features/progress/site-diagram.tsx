import type { ScalpZone } from '@anagen/core/care';
import { ScalpDiagram } from '../care/scalp-diagram';
import { customSite, siteLabel } from './view-protocols';

// Trichoscopy sites drawn on the care pathway's top-down scalp diagram.
const SITE_ZONE: Record<string, ScalpZone> = {
  'vertex-centre': 'vertex',
  frontal: 'frontal-centre',
  midline: 'midscalp-centre',
  'left-temple': 'left-temple',
  'right-temple': 'right-temple',
  occipital: 'occipital',
};

/** Where on the scalp a close-up site is; the site's name is the text alternative beside it. */
export function SiteDiagram({ site, size = 96 }: { site: string; size?: number }) {
  const zone = SITE_ZONE[site] ?? customSite(site)?.zone ?? undefined;
  if (!zone) return null;
  return (
    <figure className="site-diagram">
      <div aria-hidden="true">
        <ScalpDiagram value={{}} selected={zone} size={size} title="Close-up site" />
      </div>
      <figcaption className="small muted">
        {siteLabel(site)}, scalp seen from above (face at the top)
      </figcaption>
    </figure>
  );
}
