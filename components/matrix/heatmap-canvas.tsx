"use client";
import { useCallback, useEffect, useRef, type KeyboardEvent, type PointerEvent } from "react";
import type { Protocol } from "@/lib/contracts/matrix";
import type { CellTable } from "@/lib/dashboard/cell-table";
import { squareAt } from "@/lib/matrix-view/heatmap-geometry";
import { freshPaint, paintFrame, paintSquares, type PaintedSquares } from "./paint-heatmap";
import type { HeatmapLayout } from "./use-heatmap-layouts";

export interface Square {
  row: number;
  col: number;
}

export interface HeatmapCanvasProps {
  protocol: Protocol;
  layout: HeatmapLayout;
  cells: CellTable;
  dark: boolean;
  /** Squares that did not fail are drawn faint (the filter to failures is on). */
  muted: boolean;
  /** The square under the pointer or the keyboard cursor, outlined with its row and column. */
  cursor: Square | null;
  /** A square pointed at (null: the pointer left); `anchor` is where on the screen its details go. */
  onPoint: (protocol: Protocol, square: Square | null, anchor: { x: number; y: number } | null, via: "pointer" | "keys") => void;
  /** Click, Enter or Space on a square: what a click on a grid cell does. */
  onActivate: (protocol: Protocol, square: Square) => void;
}

const STEP: Record<string, [number, number]> = { ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1], PageUp: [-10, 0], PageDown: [10, 0] };

/**
 * One protocol's heatmap on a canvas: a square per probe, painted in animation frames. A new layout
 * (filter, grouping, width) repaints everything; new results repaint only the squares whose cell changed.
 */
export function HeatmapCanvas({ protocol, layout, cells, dark, muted, cursor, onPoint, onActivate }: HeatmapCanvasProps) {
  const { axes, geometry, plan } = layout;
  const canvasRef = useRef<HTMLCanvasElement>(null);
  // What the next frame paints: the newest layout, theme and cells, whichever render scheduled it.
  const drawing = useRef({ layout, dark, muted, cells });
  const painter = useRef<{ ctx: CanvasRenderingContext2D | null; painted: PaintedSquares; frame: number }>({ ctx: null, painted: freshPaint(0), frame: 0 });

  const schedule = useCallback((full: boolean) => {
    const p = painter.current;
    if (full) p.ctx = null;
    if (p.frame) return;
    p.frame = requestAnimationFrame(() => {
      p.frame = 0;
      const canvas = canvasRef.current;
      const { layout, dark, muted, cells } = drawing.current;
      if (!canvas) return;
      if (!p.ctx) {
        p.ctx = paintFrame(canvas, layout.geometry, layout.axes, dark);
        p.painted = freshPaint(layout.plan.rowKeys.length, p.ctx, layout.geometry);
      }
      if (!p.ctx) return;
      paintSquares(p.ctx, layout.geometry, layout.plan, cells, p.painted, { dark, muted });
      canvas.dataset.results = String(p.painted.results);
      canvas.dataset.failures = String(p.painted.failures);
      canvas.dataset.painted = "true";
      canvas.dataset.muted = String(muted);
    });
  }, []);
  useEffect(() => {
    drawing.current = { ...drawing.current, layout, dark, muted };
    schedule(true);
  }, [layout, dark, muted, schedule]);
  useEffect(() => {
    drawing.current = { ...drawing.current, cells };
    schedule(false);
  }, [cells, schedule]);
  useEffect(() => {
    const p = painter.current;
    return () => {
      cancelAnimationFrame(p.frame);
      p.frame = 0;
    };
  }, []);

  const anchorOf = (sq: Square) => {
    const rect = canvasRef.current!.getBoundingClientRect();
    return { x: rect.left + geometry.left + geometry.cols.offsets[sq.col] + geometry.colPitch, y: rect.top + geometry.top + geometry.rows.offsets[sq.row] + geometry.rowPitch };
  };
  const pointed = (e: PointerEvent<HTMLCanvasElement>) => {
    const rect = e.currentTarget.getBoundingClientRect();
    return squareAt(geometry, e.clientX - rect.left, e.clientY - rect.top);
  };
  const onPointerMove = (e: PointerEvent<HTMLCanvasElement>) => {
    const sq = pointed(e);
    if (sq?.row === cursor?.row && sq?.col === cursor?.col) return;
    onPoint(protocol, sq, sq ? { x: e.clientX, y: e.clientY } : null, "pointer");
  };
  const onKeyDown = (e: KeyboardEvent<HTMLCanvasElement>) => {
    const at = cursor ?? { row: 0, col: 0 };
    if ((e.key === "Enter" || e.key === " ") && cursor) {
      e.preventDefault();
      onActivate(protocol, cursor);
    } else if (e.key === "Escape") onPoint(protocol, null, null, "keys");
    else if (STEP[e.key]) {
      e.preventDefault();
      const [dr, dc] = cursor ? STEP[e.key] : [0, 0];
      const sq = { row: clamp(at.row + dr, plan.rows), col: clamp(at.col + dc, plan.cols) };
      onPoint(protocol, sq, anchorOf(sq), "keys");
    }
  };

  return (
    <div className="relative" style={{ width: geometry.width, height: geometry.height }}>
      <canvas
        ref={canvasRef}
        data-testid={`heatmap-${protocol}`}
        data-rows={axes.rows.labels.join(",")}
        data-cols={axes.cols.names.join(",")}
        data-row-offsets={geometry.rows.offsets.map((o) => geometry.top + o).join(",")}
        data-col-offsets={geometry.cols.offsets.map((o) => geometry.left + o).join(",")}
        data-row-pitch={geometry.rowPitch}
        data-col-pitch={geometry.colPitch}
        tabIndex={0}
        role="img"
        aria-roledescription="heatmap"
        aria-label={`${protocol.toUpperCase()} results: ${plan.rows} rows from, ${plan.cols} columns to. Arrow keys move between squares, Enter asks why a failed one failed.`}
        style={{ width: geometry.width, height: geometry.height }}
        className="block cursor-crosshair rounded outline-sky-500 focus-visible:outline-2"
        onPointerMove={onPointerMove}
        onPointerLeave={() => onPoint(protocol, null, null, "pointer")}
        onClick={(e) => {
          const sq = squareAt(geometry, e.nativeEvent.offsetX, e.nativeEvent.offsetY);
          if (sq) onActivate(protocol, sq);
        }}
        onKeyDown={onKeyDown}
        onBlur={() => cursor && onPoint(protocol, null, null, "keys")}
      />
      {cursor && cursor.row < plan.rows && cursor.col < plan.cols && <CursorMarks layout={layout} cursor={cursor} />}
    </div>
  );
}

const clamp = (i: number, count: number) => Math.max(0, Math.min(count - 1, i));

/** The pointed square outlined, its row and column lit, drawn over the canvas so the squares need no repaint. */
function CursorMarks({ layout: { geometry }, cursor }: { layout: HeatmapLayout; cursor: Square }) {
  const x = geometry.left + geometry.cols.offsets[cursor.col];
  const y = geometry.top + geometry.rows.offsets[cursor.row];
  return (
    <div aria-hidden="true" className="pointer-events-none">
      <div className="absolute bg-sky-400/25" style={{ left: geometry.left, top: y, width: geometry.cols.extent, height: geometry.rowPitch }} />
      <div className="absolute bg-sky-400/25" style={{ left: x, top: geometry.top, width: geometry.colPitch, height: geometry.rows.extent }} />
      <div className="absolute rounded-sm border-2 border-sky-500 dark:border-sky-300" style={{ left: x - 2, top: y - 2, width: geometry.colPitch + 4, height: geometry.rowPitch + 4 }} />
    </div>
  );
}
