import type { PublicationCrop } from '@anagen/core/contracts';
import { AppError } from '../../errors';
import type { PhotoTable } from '../photos/photos.table';
import { type DerivedImage, derivePublishedImage, publishedSize } from './derive-published-image';
import type { PublicationsDeps } from './publication-access';
import { findPhotos } from './publications.repository';
import type { PublicationTable } from './publications.table';

export interface PreparedPair {
  before: PhotoTable;
  after: PhotoTable;
  images: { before: DerivedImage; after: DerivedImage };
}

/** Both files of a pair exactly as they would be published, derived from the stored originals. */
export async function preparePublishedPair(
  deps: PublicationsDeps,
  row: PublicationTable,
  showFace: boolean,
): Promise<PreparedPair> {
  const photos = await findPhotos(deps.db, [row.before_photo_id, row.after_photo_id]);
  const before = photos.find((p) => p.id === row.before_photo_id);
  const after = photos.find((p) => p.id === row.after_photo_id);
  if (!before || !after) throw new AppError('NOT_FOUND', 'A photo of this pair has been removed.');
  const crop = JSON.parse(row.crop_json) as PublicationCrop;
  const size = publishedSize(before.width, before.height, crop);
  const derive = async (photo: PhotoTable) => {
    const original = await deps.storage.get(photo.original_key);
    if (!original) throw new AppError('NOT_FOUND', 'A stored photo file is missing.');
    return derivePublishedImage(original, { view: photo.view, crop, showFace, size });
  };
  return { before, after, images: { before: await derive(before), after: await derive(after) } };
}
