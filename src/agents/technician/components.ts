/** The components with bundled manuals, and what a technician may call each one aloud. */
export const COMPONENTS: Readonly<Record<string, { readonly spoken: readonly string[] }>> = {
  'PMP-200': { spoken: ['pump', 'centrifugal pump', 'pump two hundred'] },
  'MTR-450': { spoken: ['motor', 'induction motor', 'motor four fifty'] },
  'GBX-90': { spoken: ['gearbox', 'gearbox ninety'] },
  'CMP-310': { spoken: ['compressor', 'air compressor'] },
  'VLV-120': { spoken: ['valve', 'control valve'] },
  'HX-220': { spoken: ['heat exchanger'] },
  'BRG-7': { spoken: ['bearing assembly', 'pillow block'] },
};

/** How an id is read out letter by letter: `PMP-200` → `p m p two hundred`. */
export const SPOKEN_IDS: Readonly<Record<string, readonly string[]>> = {
  'PMP-200': ['p m p two hundred', 'p m p two zero zero'],
  'MTR-450': ['m t r four fifty', 'm t r four five zero'],
  'GBX-90': ['g b x ninety', 'g b x nine zero'],
  'CMP-310': ['c m p three ten', 'c m p three one zero'],
  'VLV-120': ['v l v one twenty', 'v l v one two zero'],
  'HX-220': ['h x two twenty', 'h x two two zero'],
  'BRG-7': ['b r g seven'],
};

export const QUANTITIES = [
  'discharge pressure',
  'suction pressure',
  'supply air pressure',
  'process pressure',
  'operating pressure',
  'pressure drop',
  'pressure',
  'bearing temperature',
  'oil temperature',
  'winding temperature',
  'ambient temperature',
  'temperature',
  'vibration',
  'current',
  'flow',
  'voltage',
  'speed',
  'oil level',
  'stroke time',
] as const;
