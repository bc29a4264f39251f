import Link from "next/link";
import { notFound } from "next/navigation";
import { ServiceView } from "../../../components/service-view";
import { serviceName } from "../../../lib/server/input";

export default async function ServicePage({ params }: { params: Promise<{ name: string }> }) {
  const parsed = serviceName.safeParse((await params).name);
  if (!parsed.success) notFound();
  return (
    <>
      <p className="crumbs">
        <Link href="/">Topology</Link> / {parsed.data}
      </p>
      <h1>{parsed.data}</h1>
      <ServiceView name={parsed.data} />
    </>
  );
}
