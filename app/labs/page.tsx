import type { Metadata } from "next";
import { LabList } from "@/components/labs/lab-list";

export const metadata: Metadata = { title: "ovs-lab · labs" };

export default function LabsPage() {
  return <LabList />;
}
