"use client";
import { useMemo } from "react";
import { markdownBlocks, type Span } from "@/lib/classroom/markdown-blocks";

function Spans({ spans }: { spans: Span[] }) {
  return spans.map((s, i) => {
    if (s.kind === "strong") return <strong key={i}>{s.text}</strong>;
    if (s.kind === "em") return <em key={i}>{s.text}</em>;
    if (s.kind === "code") return <code key={i} className="rounded bg-slate-200 px-1 font-mono text-[0.9em] dark:bg-slate-700">{s.text}</code>;
    return <span key={i}>{s.text}</span>;
  });
}

/** A scenario's Markdown as React elements: whatever the text holds is shown as text, never run as HTML. */
export function MarkdownText({ markdown, className = "" }: { markdown: string; className?: string }) {
  const blocks = useMemo(() => markdownBlocks(markdown), [markdown]);
  return (
    <div className={`flex flex-col gap-2 ${className}`}>
      {blocks.map((b, i) => {
        if (b.kind === "paragraph")
          return (
            <p key={i}>
              <Spans spans={b.spans} />
            </p>
          );
        const List = b.ordered ? "ol" : "ul";
        return (
          <List key={i} className={`ml-5 ${b.ordered ? "list-decimal" : "list-disc"}`}>
            {b.items.map((item, j) => (
              <li key={j}>
                <Spans spans={item} />
              </li>
            ))}
          </List>
        );
      })}
    </div>
  );
}
