import type { ReactNode } from 'react';

/**
 * A 4:3 frame with the previous photo of the same view laid over its content at adjustable
 * opacity, so a new photo can be lined up with the last one (same crop, angle and distance).
 */
export function GhostFrame({
  ghostUrl,
  opacity,
  children,
  label,
}: {
  ghostUrl?: string | undefined;
  opacity: number;
  children: ReactNode;
  label: string;
}) {
  return (
    <figure className="ghost-frame" aria-label={label}>
      {children}
      {ghostUrl && opacity > 0 && (
        <img className="ghost-frame-overlay" src={ghostUrl} alt="" style={{ opacity }} aria-hidden="true" />
      )}
    </figure>
  );
}
