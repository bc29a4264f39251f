import Link from "next/link";
import { LogsView } from "../../components/logs-view";
import { logQuery } from "../../lib/server/input";

export default async function LogsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const raw = await searchParams;
  const parsed = logQuery.omit({ tail: true }).safeParse({ alloc: raw.alloc, task: raw.task ?? "app", type: raw.type ?? "stdout" });
  return (
    <>
      <p className="crumbs">
        <Link href="/">Topology</Link> / logs
      </p>
      <h1>Logs</h1>
      {parsed.success ? (
        <LogsView alloc={parsed.data.alloc} task={parsed.data.task} type={parsed.data.type} />
      ) : (
        <p className="card error" role="alert">
          {parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}
        </p>
      )}
    </>
  );
}
