/** Slots of the control words shared with the helper thread: the last job posted, done, failed. */
export const POSTED = 0;
export const DONE = 1;
export const FAILED = 2;
export const CONTROL_SLOTS = 3;
