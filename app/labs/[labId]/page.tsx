import type { Metadata } from "next";
import { Dashboard } from "@/components/dashboard";

export async function generateMetadata({ params }: { params: Promise<{ labId: string }> }): Promise<Metadata> {
  const { labId } = await params;
  return { title: `ovs-lab · lab ${labId}` };
}

/** `/labs/<id>`: the dashboard of one lab (a student's link lands here, signed in as that student). */
export default async function LabPage({ params }: { params: Promise<{ labId: string }> }) {
  const { labId } = await params;
  return <Dashboard labId={labId} />;
}
