"use client";
import Link from "next/link";
import type { StudentView } from "@/lib/contracts/classroom";
import { labUrls } from "../labs/lab-client";

/** A student on a lab that is not theirs (or whose class is gone): where their own lab is. */
export function StudentNotice({ view, error }: { view: StudentView | null; error: string | null }) {
  if (!view && !error) return null;
  return (
    <p data-testid="student-notice" role="status" className="bg-violet-100 px-4 py-1 text-center text-sm text-violet-950 dark:bg-violet-950 dark:text-violet-100">
      {view ? (
        <>
          This is not your lab: here you only watch. Your lab is{" "}
          <Link className="font-semibold underline" href={labUrls.lab(view.labId)}>
            {view.labId}
          </Link>
          .
        </>
      ) : (
        `Your class could not be read: ${error}`
      )}
    </p>
  );
}
