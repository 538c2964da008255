"use client";
import Link from "next/link";
import { useRouter } from "next/navigation";
import type { ClassSummary } from "@/lib/contracts/classroom";
import { VIEWER_REASON } from "@/lib/contracts/access";
import { useDisplayOptions } from "../use-display-options";
import { useSession } from "../session/use-session";
import { labApi, labUrls } from "../labs/lab-client";
import { PageHeader } from "../labs/page-header";
import { usePolled } from "../labs/use-polled";
import { CountdownBadge } from "../student/countdown-badge";
import { ClassStartForm } from "./class-start-form";

const readClasses = () => labApi().classList().then((b) => b.classes);

function ClassTable({ classes }: { classes: ClassSummary[] }) {
  if (classes.length === 0) return <p className="text-slate-500">No class in progress.</p>;
  return (
    <table className="text-left" aria-label="Classes in progress">
      <thead>
        <tr className="border-b border-slate-300 text-sm text-slate-600 dark:border-slate-600 dark:text-slate-300">
          <th scope="col" className="py-1 pr-4">Class</th>
          <th scope="col" className="py-1 pr-4">Scenario</th>
          <th scope="col" className="py-1 pr-4">Students</th>
          <th scope="col" className="py-1 pr-4">Started</th>
          <th scope="col" className="py-1">Time</th>
        </tr>
      </thead>
      <tbody>
        {classes.map((c) => (
          <tr key={c.classId} data-testid={`class-row-${c.classId}`} className="border-b border-slate-200 dark:border-slate-700">
            <td className="py-2 pr-4"><Link href={labUrls.classPage(c.classId)} className="font-mono font-semibold text-sky-700 underline dark:text-sky-300">{c.classId}</Link></td>
            <td className="py-2 pr-4">{c.scenario}</td>
            <td className="py-2 pr-4">{c.students}</td>
            <td className="py-2 pr-4 text-sm">{new Date(c.createdAt).toLocaleTimeString()}</td>
            <td className="py-2">{c.endsAt ? <CountdownBadge endsAt={c.endsAt} /> : <span className="text-slate-500">no countdown</span>}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function OperatorClasses() {
  const router = useRouter();
  const { data } = usePolled(readClasses, 5000);
  return (
    <div className="flex flex-wrap items-start gap-8">
      <ClassStartForm onStarted={(view) => router.push(labUrls.classPage(view.classId))} />
      <section aria-labelledby="classes-title" className="flex flex-col gap-2">
        <h2 id="classes-title" className="text-lg font-bold">Classes in progress</h2>
        {data.kind === "loading" && <p className="text-slate-500">Reading the classes…</p>}
        {data.kind === "failed" && <p role="alert" className="text-red-700 dark:text-red-400">{data.message}</p>}
        {data.kind === "ready" && <ClassTable classes={data.value} />}
      </section>
    </div>
  );
}

/** /classes: the teacher starts a class from a scenario and sees the classes in progress. */
export function ClassesPage() {
  const session = useSession();
  const [display, setDisplay] = useDisplayOptions();
  return (
    <div className="flex min-h-screen flex-col">
      <PageHeader title="classes" role={session?.role ?? null} display={display} onDisplay={setDisplay} />
      <main className="flex flex-col gap-4 p-4">
        <h1 className="text-xl font-bold">Classes</h1>
        {session && session.role !== "operator" && (
          <p role="status" data-testid="classes-refused">{VIEWER_REASON}: starting and watching classes is the teacher&apos;s (the operator link).</p>
        )}
        {session?.role === "operator" && <OperatorClasses />}
      </main>
    </div>
  );
}
