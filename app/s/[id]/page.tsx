import { SnapshotView } from "./snapshot-view";

/** `/s/<id>`: a saved snapshot, read-only, with no live lab behind it. */
export default async function SnapshotPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <SnapshotView id={id} />;
}
