import type { Metadata } from "next";
import { ClassPage } from "@/components/classes/class-page";

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }): Promise<Metadata> {
  const { id } = await params;
  return { title: `ovs-lab · class ${id}` };
}

export default async function Class({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <ClassPage classId={id} />;
}
