import Link from "next/link";

/** Any unknown address, an unknown snapshot link (/s/<id>) included: the server answers 404 with this page. */
export default function NotFound() {
  return (
    <main className="mx-auto flex max-w-2xl flex-col gap-3 p-8" data-testid="not-found">
      <h1 className="text-2xl font-bold">Nothing here</h1>
      <p>
        There is no page or snapshot at this address. A snapshot link looks like <code>/s/&lt;id&gt;</code>, exactly as it was shared: check that it was
        copied whole, or ask the operator for it again (a deleted snapshot is gone).
      </p>
      <p>
        <Link href="/" className="font-semibold text-sky-700 underline dark:text-sky-300">
          Open the dashboard
        </Link>
      </p>
    </main>
  );
}
