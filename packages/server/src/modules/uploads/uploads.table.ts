export interface UploadUsageTable {
  id: string;
  user_id: string;
  /** Epoch ms of the upload. */
  at: number;
  bytes: number;
}
