# forex-rollout: the automated canary rollout controller (rollout/README.md). It watches
# forex-mesh/rollouts/<service>/ in Consul KV, steps the canary's weight in the route table, judges
# each step on Prometheus, and promotes or fails the Nomad deployment. All its state is in Consul KV,
# so one instance is enough and a restarted one continues where the last stopped.
#
#   nomad job run -var repo=$PWD nomad/jobs/forex-rollout.nomad.hcl
#
# Tokens (CONSUL_HTTP_TOKEN, NOMAD_TOKEN) are not variables on purpose: on a real cluster give them
# through a template from Nomad Variables or Vault, not on the command line.

variable "repo" {
  type        = string
  description = "Absolute path of the forex-mesh checkout (built with pnpm -r build) on every client node"
}

variable "node" {
  type    = string
  default = "node"
}

variable "consul_addr" {
  type    = string
  default = "http://127.0.0.1:8500"
}

variable "nomad_addr" {
  type    = string
  default = "http://127.0.0.1:4646"
}

variable "prometheus_addr" {
  type    = string
  default = "http://127.0.0.1:9090"
}

job "forex-rollout" {
  type = "service"

  group "rollout" {
    # One writer of the status keys; a second would only lose check-and-set races.
    count = 1

    network {
      port "http" {}
    }

    # Not tagged forex-mesh: a tool, not part of the topology the console draws.
    service {
      name = "forex-rollout"
      port = "http"
      tags = ["rollout"]

      # 200 while the rollout keys are watched; 503 when Consul cannot be reached.
      check {
        type     = "http"
        path     = "/healthz"
        interval = "5s"
        timeout  = "2s"
      }
    }

    task "controller" {
      driver = "raw_exec"

      config {
        command = var.node
        args    = ["${var.repo}/rollout/dist/main.js"]
      }

      env {
        HOST             = "127.0.0.1"
        PORT             = "${NOMAD_PORT_http}"
        CONSUL_HTTP_ADDR = var.consul_addr
        NOMAD_ADDR       = var.nomad_addr
        PROMETHEUS_ADDR  = var.prometheus_addr
      }

      resources {
        cpu    = 100
        memory = 128
      }

      kill_timeout = "5s"
    }
  }
}
