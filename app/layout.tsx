import type { Metadata } from "next";
import type { ReactNode } from "react";
import "@xyflow/react/dist/style.css";
import "./globals.css";
import { PREFETCH_SCRIPT } from "@/lib/dashboard/state-prefetch";

export const metadata: Metadata = { title: "ovs-lab", description: "Live dashboard for OVS userspace/DPDK + Docker labs" };

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en" className="dark" suppressHydrationWarning>
      <head>
        {/* A lab page's state is asked for before its scripts load (state-prefetch.ts). */}
        <script dangerouslySetInnerHTML={{ __html: PREFETCH_SCRIPT }} />
      </head>
      <body>{children}</body>
    </html>
  );
}
