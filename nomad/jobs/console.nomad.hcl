# console: the ops console (Next.js, `next start` on the built console/.next). It talks to the Nomad,
# Consul and Prometheus APIs from its server side; the browser only sees the console.
#
#   nomad job run -var repo=$PWD nomad/jobs/console.nomad.hcl
#
# Without -var password=..., the console generates a password at start and prints it to its task log:
#   pnpm forex-mesh alloc logs <alloc-prefix> console | grep password

variable "repo" {
  type        = string
  description = "Absolute path of the forex-mesh checkout (built with pnpm -r build) on every client node"
}

variable "port" {
  type    = number
  default = 3000
}

variable "bind" {
  type        = string
  default     = "127.0.0.1"
  description = "Address the console listens on; 0.0.0.0 on a real cluster (behind TLS)"
}

variable "password" {
  type        = string
  default     = ""
  description = "Sign-in password; empty: a random one per start, printed to the task log"
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

job "console" {
  type = "service"

  group "console" {
    count = 1

    network {
      port "http" {
        static = var.port
      }
    }

    service {
      name = "forex-console"
      port = "http"
      tags = ["console"]

      # /login is the one page that answers 200 without a session.
      check {
        type     = "http"
        path     = "/login"
        interval = "5s"
        timeout  = "2s"
      }
    }

    task "console" {
      driver = "raw_exec"

      config {
        command = var.node
        args    = ["${var.repo}/console/node_modules/next/dist/bin/next", "start", "${var.repo}/console", "--hostname", var.bind, "--port", "${NOMAD_PORT_http}"]
      }

      env {
        PORT                    = "${NOMAD_PORT_http}"
        NEXT_TELEMETRY_DISABLED = "1"
        NOMAD_ADDR              = var.nomad_addr
        CONSUL_HTTP_ADDR        = var.consul_addr
        PROMETHEUS_ADDR         = var.prometheus_addr
        FOREX_CONSOLE_PASSWORD  = var.password
      }

      resources {
        cpu    = 300
        memory = 384
      }

      kill_timeout = "10s"
    }
  }
}
