import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';

const MAX_SCALE = 8;
const TAP_SLOP_PX = 5;

interface View {
  scale: number;
  tx: number;
  ty: number;
}

/**
 * Pan and zoom of an image of `width`×`height` pixels inside a viewport element: wheel and pinch
 * zoom about the pointer, drag to pan, and a tap (a press that did not move) reported in image
 * pixels. Pointer events, so mouse, pen and touch behave the same.
 */
export function useViewport(width: number, height: number) {
  const ref = useRef<HTMLDivElement>(null);
  const [view, setView] = useState<View>({ scale: 1, tx: 0, ty: 0 });
  const viewRef = useRef(view);
  viewRef.current = view;
  const fitted = useRef(false);

  const fitScale = useCallback(() => {
    const el = ref.current;
    if (!el) return 1;
    return Math.min(el.clientWidth / width, el.clientHeight / height);
  }, [width, height]);

  const fit = useCallback(() => {
    const el = ref.current;
    if (!el) return;
    const s = fitScale();
    setView({ scale: s, tx: (el.clientWidth - width * s) / 2, ty: (el.clientHeight - height * s) / 2 });
  }, [fitScale, width, height]);

  useLayoutEffect(() => {
    if (fitted.current) return;
    fitted.current = true;
    fit();
  }, [fit]);

  const zoomAt = useCallback(
    (factor: number, cx: number, cy: number) => {
      setView((v) => {
        const s = Math.min(MAX_SCALE, Math.max(fitScale() / 2, v.scale * factor));
        return { scale: s, tx: cx - ((cx - v.tx) * s) / v.scale, ty: cy - ((cy - v.ty) * s) / v.scale };
      });
    },
    [fitScale],
  );

  // A wheel listener that may cancel the page scroll (React's own is passive).
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const onWheel = (e: WheelEvent) => {
      e.preventDefault();
      const rect = el.getBoundingClientRect();
      zoomAt(
        e.deltaY < 0 ? 1.15 : 1 / 1.15,
        e.clientX - rect.left - el.clientLeft,
        e.clientY - rect.top - el.clientTop,
      );
    };
    el.addEventListener('wheel', onWheel, { passive: false });
    return () => el.removeEventListener('wheel', onWheel);
  }, [zoomAt]);

  const pointers = useRef(new Map<number, { x: number; y: number }>());
  const press = useRef<{ x: number; y: number; moved: boolean; target: Element } | null>(null);

  const local = (e: { clientX: number; clientY: number }) => {
    // Relative to the padding box, where the transformed image is positioned (inside the border).
    const el = ref.current!;
    const rect = el.getBoundingClientRect();
    return { x: e.clientX - rect.left - el.clientLeft, y: e.clientY - rect.top - el.clientTop };
  };

  function pointerHandlers({ onTap }: { onTap: (target: Element, x: number, y: number) => void }) {
    return {
      onPointerDown: (e: React.PointerEvent) => {
        if (e.button !== 0 && e.pointerType === 'mouse') return;
        const p = local(e);
        pointers.current.set(e.pointerId, p);
        press.current =
          pointers.current.size === 1 ? { ...p, moved: false, target: e.target as Element } : null;
        try {
          // Keeps a drag going when the pointer leaves the image; a pointer already gone throws.
          ref.current?.setPointerCapture?.(e.pointerId);
        } catch {
          /* not capturable: the drag still works inside the viewport */
        }
      },
      onPointerMove: (e: React.PointerEvent) => {
        const prev = pointers.current.get(e.pointerId);
        if (!prev) return;
        const p = local(e);
        if (pointers.current.size === 2) {
          const [a, b] = [...pointers.current.entries()];
          const other = a![0] === e.pointerId ? b![1] : a![1];
          const before = Math.hypot(prev.x - other.x, prev.y - other.y) || 1;
          const after = Math.hypot(p.x - other.x, p.y - other.y) || 1;
          zoomAt(after / before, (p.x + other.x) / 2, (p.y + other.y) / 2);
        } else {
          const start = press.current;
          if (start && Math.hypot(p.x - start.x, p.y - start.y) > TAP_SLOP_PX) start.moved = true;
          if (!start || start.moved)
            setView((v) => ({ ...v, tx: v.tx + p.x - prev.x, ty: v.ty + p.y - prev.y }));
        }
        pointers.current.set(e.pointerId, p);
      },
      onPointerUp: (e: React.PointerEvent) => {
        const start = press.current;
        pointers.current.delete(e.pointerId);
        if (start && !start.moved && pointers.current.size === 0) {
          const v = viewRef.current;
          const p = local(e);
          onTap(start.target, (p.x - v.tx) / v.scale, (p.y - v.ty) / v.scale);
        }
        press.current = null;
      },
      onPointerCancel: (e: React.PointerEvent) => {
        pointers.current.delete(e.pointerId);
        press.current = null;
      },
    };
  }

  return {
    ref,
    ...view,
    fit,
    zoomCentre: (factor: number) => {
      const el = ref.current;
      if (el) zoomAt(factor, el.clientWidth / 2, el.clientHeight / 2);
    },
    zoomAtImage: (factor: number, x: number, y: number) => {
      const v = viewRef.current;
      zoomAt(factor, v.tx + x * v.scale, v.ty + y * v.scale);
    },
    /** Pans so that image point (x, y) is on screen, centring it when it was not. */
    reveal: (x: number, y: number) => {
      const el = ref.current;
      if (!el) return;
      setView((v) => {
        const sx = v.tx + x * v.scale;
        const sy = v.ty + y * v.scale;
        const m = 24;
        if (sx >= m && sy >= m && sx <= el.clientWidth - m && sy <= el.clientHeight - m) return v;
        return { ...v, tx: el.clientWidth / 2 - x * v.scale, ty: el.clientHeight / 2 - y * v.scale };
      });
    },
    pointerHandlers,
  };
}
