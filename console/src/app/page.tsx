import { TopologyView } from "../components/topology-view";

export default function TopologyPage() {
  return (
    <>
      <h1>Topology</h1>
      <p className="muted">Services split by version with Consul health; edges from the callers' sidecars (last 30 s).</p>
      <TopologyView />
    </>
  );
}
