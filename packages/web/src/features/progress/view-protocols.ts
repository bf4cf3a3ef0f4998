import type { CustomScalpSite, PhotoViewName } from '@anagen/core/contracts';

export const VIEW_LABELS: Record<PhotoViewName, string> = {
  vertex: 'Top of the head (vertex)',
  frontal: 'Front hairline',
  midline: 'Centre parting (midline)',
  'left-temple': 'Left temple',
  'right-temple': 'Right temple',
  occipital: 'Back of the head',
  trichoscopy: 'Close-up (trichoscopy)',
};

export const SITE_LABELS: Record<string, string> = {
  'vertex-centre': 'Vertex centre',
  frontal: 'Frontal, 2 cm behind the hairline',
  midline: 'Midline parting',
  'left-temple': 'Left temple',
  'right-temple': 'Right temple',
  occipital: 'Occipital (back)',
};

/** The clinic's own close-up sites, as last loaded (see useCustomSites). */
const customSites = new Map<string, CustomScalpSite>();
export function registerCustomSites(list: readonly CustomScalpSite[]): void {
  customSites.clear();
  for (const site of list) customSites.set(site.slug, site);
}
export const customSite = (slug: string) => customSites.get(slug);

export const siteLabel = (site: string) => SITE_LABELS[site] ?? customSites.get(site)?.label ?? site;

const COMMON = [
  'Hair clean and completely dry, no styling products, no hat marks.',
  'Even, diffuse light from the front; no flash straight on, no window behind you.',
  'Same place, same light and same distance as last time.',
];

/** How to take each view so that photos months apart can be compared honestly. */
export const VIEW_PROTOCOLS: Record<PhotoViewName, string[]> = {
  vertex: [
    'Head tilted forward, chin towards the chest; camera 30 cm straight above the crown.',
    'Hair combed in its natural direction, no parting made for the photo.',
    ...COMMON,
  ],
  frontal: [
    'Face the camera at eye level, 40 cm away; hair pulled straight back from the forehead.',
    'The whole hairline and both eyebrows in the frame.',
    ...COMMON,
  ],
  midline: [
    'Part the hair down the middle from the forehead to the crown with a comb.',
    'Head tilted forward; camera 30 cm above the parting, pointing straight down.',
    ...COMMON,
  ],
  'left-temple': [
    'Turn your head 90° to the right so the left temple faces the camera, 40 cm away.',
    'Hair pulled back behind the ear; the ear at the bottom edge of the frame.',
    ...COMMON,
  ],
  'right-temple': [
    'Turn your head 90° to the left so the right temple faces the camera, 40 cm away.',
    'Hair pulled back behind the ear; the ear at the bottom edge of the frame.',
    ...COMMON,
  ],
  occipital: [
    'Back of the head to the camera, 40 cm away, at head height (a helper or a mirror helps).',
    'Hair combed down naturally.',
    ...COMMON,
  ],
  trichoscopy: [
    'Dermoscope at the marked site (tattoo dot or measured distance from landmarks), same as last time.',
    'Hair clipped to about 1 mm at the site, dry; light contact, no immersion fluid bubbles.',
    'Enter the calibration (µm per pixel) of this dermoscope and magnification.',
  ],
};
