import Link from "next/link";
import { HistoryView } from "../../components/history-view";
import { serviceName } from "../../lib/server/input";

export default async function HistoryPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const parsed = serviceName.safeParse((await searchParams).job);
  return (
    <>
      <p className="crumbs">
        <Link href="/">Topology</Link> / {parsed.success ? <Link href={`/services/${parsed.data}`}>{parsed.data}</Link> : "?"} / history
      </p>
      <h1>History{parsed.success ? ` of ${parsed.data}` : ""}</h1>
      {parsed.success ? (
        <HistoryView job={parsed.data} />
      ) : (
        <p className="card error" role="alert">
          job: {parsed.error.issues[0]?.message ?? "required"}
        </p>
      )}
    </>
  );
}
