import type { Metadata } from "next";
import { ClassesPage } from "@/components/classes/class-list";

export const metadata: Metadata = { title: "ovs-lab · classes" };

export default function Classes() {
  return <ClassesPage />;
}
