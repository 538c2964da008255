import type { Metadata } from "next";
import { PresenterView } from "@/components/presenter/presenter-view";

export async function generateMetadata({ params }: { params: Promise<{ labId: string }> }): Promise<Metadata> {
  const { labId } = await params;
  return { title: `ovs-lab · presenting lab ${labId}` };
}

/** `/labs/<id>/present`: the projector's page of one lab; the lab's other pages follow it. */
export default async function PresentPage({ params }: { params: Promise<{ labId: string }> }) {
  const { labId } = await params;
  return <PresenterView labId={labId} />;
}
