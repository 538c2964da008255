"use client";
import { useEffect, useRef } from "react";
import "@xterm/xterm/css/xterm.css";
import { TERMINAL_COLS, TERMINAL_INPUT_MAX, TERMINAL_ROWS } from "@/lib/contracts/terminal";
import type { LabSocket } from "../use-lab-socket";
import type { TerminalStreams } from "./terminal-streams";

const clamp = (n: number, { min, max }: { min: number; max: number }) => Math.min(max, Math.max(min, n));

/** Copies text where the Clipboard API is missing (a page served over plain http to another machine). */
function copyText(text: string): void {
  if (navigator.clipboard?.writeText) return void navigator.clipboard.writeText(text).catch(() => undefined);
  const area = document.createElement("textarea");
  area.value = text;
  document.body.append(area);
  area.select();
  document.execCommand("copy");
  area.remove();
}

/**
 * One xterm.js terminal bound to a server terminal: keys go out as terminal:input, output comes in
 * through `streams`, and the fit addon sizes it to its box (terminal:resize follows).
 * Ctrl+Shift+C copies the selection, Ctrl+Shift+V pastes; the browser's own copy and paste work too.
 */
export function TerminalView({ id, getSocket, streams, visible, ended }: { id: string; getSocket: () => LabSocket | null; streams: TerminalStreams; visible: boolean; ended: boolean }) {
  const boxRef = useRef<HTMLDivElement | null>(null);
  const fitRef = useRef<(() => void) | null>(null);
  const endedRef = useRef(ended);
  useEffect(() => {
    endedRef.current = ended;
  });

  useEffect(() => {
    let disposed = false;
    const cleanups: (() => void)[] = [];
    void Promise.all([import("@xterm/xterm"), import("@xterm/addon-fit")]).then(([{ Terminal }, { FitAddon }]) => {
      if (disposed || !boxRef.current) return;
      const term = new Terminal({ fontFamily: "ui-monospace, 'DejaVu Sans Mono', monospace", fontSize: 13, cursorBlink: true, scrollback: 5000 });
      const fit = new FitAddon();
      term.loadAddon(fit);
      term.open(boxRef.current);
      const send = (data: string) => {
        if (endedRef.current) return;
        for (let i = 0; i < data.length; i += TERMINAL_INPUT_MAX / 2) getSocket()?.emit("terminal:input", { id, data: data.slice(i, i + TERMINAL_INPUT_MAX / 2) }, () => undefined);
      };
      term.attachCustomKeyEventHandler((e) => {
        if (e.type !== "keydown" || !e.ctrlKey || !e.shiftKey) return true;
        if (e.code === "KeyC") {
          const selection = term.getSelection();
          if (selection) copyText(selection);
          e.preventDefault();
          return false;
        }
        // Without the Clipboard API the browser's own paste (the same keys) reaches xterm as a paste event.
        if (e.code === "KeyV" && navigator.clipboard?.readText) {
          void navigator.clipboard.readText().then((text) => term.paste(text), () => undefined);
          e.preventDefault();
          return false;
        }
        return true;
      });
      const onData = term.onData(send);
      let resizeTimer: ReturnType<typeof setTimeout> | undefined;
      const onResize = term.onResize(({ cols, rows }) => {
        clearTimeout(resizeTimer);
        resizeTimer = setTimeout(() => getSocket()?.emit("terminal:resize", { id, cols: clamp(cols, TERMINAL_COLS), rows: clamp(rows, TERMINAL_ROWS) }, () => undefined), 80);
      });
      const refit = () => {
        // A hidden tab has no size: fit it when it is shown.
        if (boxRef.current && boxRef.current.offsetWidth > 0) fit.fit();
      };
      fitRef.current = refit;
      const observer = new ResizeObserver(refit);
      observer.observe(boxRef.current);
      refit();
      const disconnect = streams.connect(id, (data) => term.write(data));
      term.focus();
      cleanups.push(() => {
        clearTimeout(resizeTimer);
        observer.disconnect();
        disconnect();
        onData.dispose();
        onResize.dispose();
        term.dispose();
      });
    });
    return () => {
      disposed = true;
      fitRef.current = null;
      cleanups.forEach((c) => c());
    };
  }, [id, getSocket, streams]);

  useEffect(() => {
    if (visible) fitRef.current?.();
  }, [visible]);

  return <div ref={boxRef} data-testid={`terminal-${id}`} className={`h-full w-full bg-black p-1 ${visible ? "" : "hidden"}`} />;
}
