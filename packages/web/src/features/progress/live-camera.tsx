import { useEffect, useRef, useState } from 'react';
import { GhostFrame } from './ghost-frame';

/**
 * Live camera preview with the previous photo as a see-through overlay. Returns a JPEG through
 * `onCapture`. Only offered where the browser grants camera access; the file input is the fallback.
 */
export function LiveCamera({
  ghostUrl,
  opacity,
  onCapture,
  onClose,
}: {
  ghostUrl?: string | undefined;
  opacity: number;
  onCapture: (file: File) => void;
  onClose: () => void;
}) {
  const video = useRef<HTMLVideoElement>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let stream: MediaStream | null = null;
    let cancelled = false;
    navigator.mediaDevices
      .getUserMedia({ video: { facingMode: 'environment', width: { ideal: 1920 } }, audio: false })
      .then((s) => {
        if (cancelled) {
          for (const t of s.getTracks()) t.stop();
          return;
        }
        stream = s;
        if (video.current) {
          video.current.srcObject = s;
          void video.current.play();
        }
      })
      .catch(() =>
        setError('The camera could not be opened. Allow camera access, or choose a photo instead.'),
      );
    return () => {
      cancelled = true;
      for (const t of stream?.getTracks() ?? []) t.stop();
    };
  }, []);

  const take = () => {
    const v = video.current;
    if (!v?.videoWidth) return;
    const canvas = document.createElement('canvas');
    canvas.width = v.videoWidth;
    canvas.height = v.videoHeight;
    canvas.getContext('2d')?.drawImage(v, 0, 0);
    canvas.toBlob(
      (blob) => {
        if (blob) onCapture(new File([blob], 'camera.jpg', { type: 'image/jpeg' }));
      },
      'image/jpeg',
      0.92,
    );
  };

  if (error) {
    return (
      <div className="alert warn" role="alert">
        {error}{' '}
        <button type="button" className="btn secondary small" onClick={onClose}>
          Close camera
        </button>
      </div>
    );
  }
  return (
    <div className="stack">
      <GhostFrame
        ghostUrl={ghostUrl}
        opacity={opacity}
        label="Camera preview with the previous photo overlaid"
      >
        <video ref={video} className="ghost-frame-media" playsInline muted />
      </GhostFrame>
      <div className="row">
        <button type="button" className="btn" onClick={take}>
          Take photo
        </button>
        <button type="button" className="btn secondary" onClick={onClose}>
          Close camera
        </button>
      </div>
    </div>
  );
}
