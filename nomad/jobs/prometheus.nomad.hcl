# prometheus: scrapes every sidecar's admin /metrics, found through the Consul API, and evaluates the
# golden-metric recording rules and alerts in observability/rules. Debian's prometheus is built
# without Consul service discovery, so a small bridge (observability/dist/main.js, a prestart
# sidecar) reads the Consul catalog and serves it to Prometheus' HTTP service discovery with the
# same __meta_consul_* labels.
#
#   nomad job run -var repo=$PWD nomad/jobs/prometheus.nomad.hcl

variable "repo" {
  type        = string
  description = "Absolute path of the forex-mesh checkout (built with pnpm -r build) on every client node"
}

variable "port" {
  type    = number
  default = 9090
}

variable "prometheus" {
  type        = string
  default     = "prometheus"
  description = "The Prometheus binary (Debian package prometheus)"
}

variable "node" {
  type    = string
  default = "node"
}

variable "consul_addr" {
  type    = string
  default = "http://127.0.0.1:8500"
}

job "prometheus" {
  type = "service"

  group "prometheus" {
    count = 1

    network {
      port "http" {
        static = var.port
      }
      port "sd" {}
    }

    service {
      name = "prometheus"
      port = "http"
      tags = ["observability"]

      check {
        type     = "http"
        path     = "/-/ready"
        interval = "5s"
        timeout  = "2s"
      }
    }

    task "consul-sd" {
      driver = "raw_exec"

      lifecycle {
        hook    = "prestart"
        sidecar = true
      }

      config {
        command = var.node
        args    = ["${var.repo}/observability/dist/main.js"]
      }

      env {
        CONSUL_HTTP_ADDR = var.consul_addr
        FOREX_SD_PORT    = "${NOMAD_PORT_sd}"
      }
    }

    task "prometheus" {
      driver = "raw_exec"

      # Renders the config (rule paths, the bridge's address) into the task directory, then becomes
      # Prometheus, so Nomad's kill signal reaches Prometheus itself.
      config {
        command = "/bin/sh"
        args = [
          "-c",
          "\"$FOREX_NODE\" \"$FOREX_REPO/observability/dist/cli.js\" render-config --out \"$NOMAD_TASK_DIR/prometheus.yml\" && exec \"$FOREX_PROMETHEUS\" --config.file=\"$NOMAD_TASK_DIR/prometheus.yml\" --storage.tsdb.path=\"$NOMAD_ALLOC_DIR/data/prometheus\" --storage.tsdb.retention.time=2d --web.listen-address=\"127.0.0.1:$NOMAD_PORT_http\" --web.enable-lifecycle",
        ]
      }

      env {
        FOREX_NODE              = var.node
        FOREX_REPO              = var.repo
        FOREX_PROMETHEUS        = var.prometheus
        CONSUL_HTTP_ADDR        = var.consul_addr
        FOREX_PROMETHEUS_SD_URL = "http://127.0.0.1:${NOMAD_PORT_sd}/v1/targets"
      }

      resources {
        cpu    = 300
        memory = 512
      }

      kill_timeout = "10s"
    }
  }
}
