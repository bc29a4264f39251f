/**
 * Test jobs for the Nomad integration tests, written as HCL the way users write job files and sent
 * the way `nomad job run` sends them (parsed on the client by @forex-mesh/jobspec, nulls and all).
 */
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { type JobRegisterRequest, registerRequest } from "@forex-mesh/jobspec";

export const TASK_SCRIPT = join(dirname(fileURLToPath(import.meta.url)), "task.mjs");

export interface TestJobOptions {
  id: string;
  version?: string;
  count?: number;
  canary?: number;
  autoRevert?: boolean;
  autoPromote?: boolean;
  /** READY=fail makes the sidecar's /readyz answer 503. */
  ready?: "ok" | "fail";
  appMode?: "app" | "crash";
  restartAttempts?: number;
  healthyDeadline?: string;
  /** Adds a static port `edge` with this value to the group network. */
  staticPort?: number;
  progressDeadline?: string;
}

export function testJobHcl(o: TestJobOptions): string {
  return `
job "${o.id}" {
  datacenters = ["dc1"]
  meta {
    version = "${o.version ?? "v1"}"
  }
  update {
    max_parallel      = 1
    canary            = ${o.canary ?? 0}
    auto_revert       = ${o.autoRevert ?? false}
    auto_promote      = ${o.autoPromote ?? false}
    min_healthy_time  = "1s"
    healthy_deadline  = "${o.healthyDeadline ?? "20s"}"
    progress_deadline = "${o.progressDeadline ?? "0s"}"
  }
  group "g" {
    count = ${o.count ?? 1}
    network {
      port "admin" {}
      port "ingress" {}${o.staticPort ? `
      port "edge" {
        static = ${o.staticPort}
      }` : ""}
    }
    restart {
      attempts = ${o.restartAttempts ?? 0}
      interval = "1m"
      delay    = "200ms"
      mode     = "fail"
    }
    reschedule {
      delay          = "1s"
      delay_function = "constant"
      unlimited      = true
    }
    service {
      name        = "${o.id}-svc"
      port        = "ingress"
      tags        = ["mesh"]
      canary_tags = ["mesh", "canary"]
      meta {
        version      = "\${NOMAD_META_version}"
        metrics_port = "\${NOMAD_PORT_admin}"
        alloc_id     = "\${NOMAD_ALLOC_ID}"
      }
      check {
        name     = "sidecar readyz"
        type     = "http"
        port     = "admin"
        path     = "/readyz"
        interval = "1s"
        timeout  = "1s"
      }
    }
    task "sidecar" {
      driver = "raw_exec"
      lifecycle {
        hook    = "prestart"
        sidecar = true
      }
      config {
        command = "${process.execPath}"
        args    = ["${TASK_SCRIPT}", "sidecar"]
      }
      env {
        READY = "${o.ready ?? "ok"}"
      }
      kill_timeout = "2s"
    }
    task "app" {
      driver = "raw_exec"
      config {
        command = "${process.execPath}"
        args    = ["${TASK_SCRIPT}", "${o.appMode ?? "app"}"]
      }
      kill_timeout = "2s"
    }
  }
}
`;
}

export function testJobRequest(o: TestJobOptions): JobRegisterRequest {
  return registerRequest(testJobHcl(o), { filename: `${o.id}.nomad.hcl` });
}
