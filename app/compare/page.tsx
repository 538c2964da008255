import type { Metadata } from "next";
import { CompareView } from "@/components/snapshots/compare-view";

export const metadata: Metadata = { title: "ovs-lab · compare snapshots" };

type Query = Record<string, string | string[] | undefined>;
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) ?? "";

/** `/compare?a=ID&b=ID`: two snapshots side by side. */
export default async function ComparePage({ searchParams }: { searchParams: Promise<Query> }) {
  const query = await searchParams;
  return <CompareView a={one(query.a)} b={one(query.b)} />;
}
