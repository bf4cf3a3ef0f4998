export {
  generateTrichoscopyImage,
  type HairColorName,
  type SyntheticHair,
  type SyntheticHairClass,
  type SyntheticTrichoscopyImage,
  type SyntheticTrichoscopyOptions,
  type SyntheticTruth,
  variedScalp,
} from './generate-trichoscopy';
export { mulberry32, Rng } from './prng';
