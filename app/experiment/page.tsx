import type { Metadata } from "next";
import { ExperimentView } from "@/components/experiment/experiment-view";

export const metadata: Metadata = { title: "ovs-lab · A/B experiment" };

export default function ExperimentPage() {
  return <ExperimentView />;
}
