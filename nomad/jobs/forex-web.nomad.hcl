# forex-web: the end-user page; calls forex-converter and forex-rate through its egress. Each instance is the app plus its sidecar proxy (prestart
# sidecar), registered in Consul on the sidecar's ingress port.
#
#   nomad job run -var repo=$PWD nomad/jobs/forex-web.nomad.hcl
#   nomad job run -var repo=$PWD -var version=v2 nomad/jobs/forex-web.nomad.hcl   # canaries, 0% traffic

variable "repo" {
  type        = string
  description = "Absolute path of the forex-mesh checkout (built with pnpm -r build) on every client node"
}

variable "version" {
  type        = string
  default     = "v1"
  description = "Version label: job meta, Consul service meta, FOREX_VERSION; the sidecars route by it"
}

variable "count" {
  type    = number
  default = 2
}

variable "node" {
  type        = string
  default     = "node"
  description = "The Node.js (20+) binary on the client nodes"
}

variable "consul_addr" {
  type        = string
  default     = "http://127.0.0.1:8500"
  description = "Consul HTTP API the sidecar discovers upstreams and routing tables from"
}

job "forex-web" {
  type = "service"

  # The one place the version lives: the service meta and the app's FOREX_VERSION read it, so
  # deploying a version through the API changes one field.
  meta {
    version = var.version
  }

  update {
    max_parallel      = 1
    canary            = 2
    auto_revert       = true
    auto_promote      = false
    min_healthy_time  = "3s"
    healthy_deadline  = "1m"
    progress_deadline = "3m"
  }

  group "web" {
    count = var.count

    network {
      port "app" {}
      port "ingress" {}
      port "egress" {}
      port "admin" {}
    }

    service {
      name        = "forex-web"
      port        = "ingress"
      tags        = ["forex-mesh"]
      canary_tags = ["forex-mesh", "canary"]

      meta {
        version      = "${NOMAD_META_version}"
        metrics_port = "${NOMAD_PORT_admin}"
        alloc_id     = "${NOMAD_ALLOC_ID}"
      }

      check {
        name     = "sidecar readyz"
        type     = "http"
        port     = "admin"
        path     = "/readyz"
        interval = "2s"
        timeout  = "1s"
      }
    }

    restart {
      attempts = 3
      interval = "1m"
      delay    = "2s"
      mode     = "fail"
    }

    task "sidecar" {
      driver = "raw_exec"

      lifecycle {
        hook    = "prestart"
        sidecar = true
      }

      config {
        command = var.node
        args    = ["--max-semi-space-size=4", "--max-old-space-size=48", "${var.repo}/proxy/dist/main.js", "--mode", "sidecar", "--access-log", "--service", "forex-web", "--upstream", "forex-converter,forex-rate"]
      }

      # Ports and version come from NOMAD_PORT_ingress/egress/admin/app and NOMAD_META_version.
      env {
        CONSUL_HTTP_ADDR = var.consul_addr
      }

      resources {
        cpu    = 100
        memory = 96
      }

      kill_timeout = "5s"
    }

    task "app" {
      driver = "raw_exec"

      config {
        command = var.node
        args    = ["${var.repo}/services/web/dist/main.js"]
      }

      env {
        PORT          = "${NOMAD_PORT_app}"
        FOREX_VERSION = "${NOMAD_META_version}"
        # Every outbound call goes to this instance's egress; Host names the logical service.
        FOREX_CONVERTER_URL  = "http://127.0.0.1:${NOMAD_PORT_egress}"
        FOREX_CONVERTER_HOST = "forex-converter"
        FOREX_RATE_URL       = "http://127.0.0.1:${NOMAD_PORT_egress}"
        FOREX_RATE_HOST      = "forex-rate"
      }

      resources {
        cpu    = 200
        memory = 192
      }

      kill_timeout = "10s"
    }
  }
}
