export { type BlandAltman, blandAltman, SMALL_SAMPLE_N } from './bland-altman';
export {
  engineHairsWithTips,
  type ReviewedHair,
  type ReviewedHairClass,
  reviewHairs,
  summarizeReviewedHairs,
  type TraceLike,
} from './reviewed-hairs';
export { ADDED_HAIR_VECTOR_UM, type FduClass, fduClass, hairVector, vocAnnotation } from './voc-annotation';
