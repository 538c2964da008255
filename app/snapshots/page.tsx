import type { Metadata } from "next";
import { SnapshotList } from "@/components/snapshots/snapshot-list";

export const metadata: Metadata = { title: "ovs-lab · snapshots" };

export default function SnapshotsPage() {
  return <SnapshotList />;
}
