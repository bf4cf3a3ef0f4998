const PHOTO_VIEWS = [
  'vertex',
  'frontal',
  'midline',
  'left-temple',
  'right-temple',
  'occipital',
  'trichoscopy',
] as const;
export type PhotoView = (typeof PHOTO_VIEWS)[number];

export interface PhotoTable {
  id: string;
  patient_id: string;
  view: PhotoView;
  site: string | null;
  um_per_px: number | null;
  taken_at: number;
  image_key: string;
  thumb_key: string;
  original_key: string;
  mime: string;
  original_mime: string;
  original_bytes: number;
  width: number;
  height: number;
  analysis_status: 'none' | 'queued' | 'done' | 'failed';
  analysis_error: string | null;
  uploaded_by: string | null;
  created_at: number;
}
