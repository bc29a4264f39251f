# forex-edge: the public load balancer in front of forex-web (the sidecar program in edge mode,
# no local app). It routes by the same version weights as every sidecar.
#
#   nomad job run -var repo=$PWD nomad/jobs/forex-edge.nomad.hcl

variable "repo" {
  type        = string
  description = "Absolute path of the forex-mesh checkout (built with pnpm -r build) on every client node"
}

variable "port" {
  type        = number
  default     = 8080
  description = "The public port"
}

variable "public_bind" {
  type        = string
  default     = "127.0.0.1"
  description = "Address of the public listener; 0.0.0.0 on a real cluster"
}

variable "node" {
  type    = string
  default = "node"
}

variable "consul_addr" {
  type    = string
  default = "http://127.0.0.1:8500"
}

job "forex-edge" {
  type = "service"

  meta {
    version = "edge"
  }

  group "edge" {
    count = 1

    network {
      port "public" {
        static = var.port
      }
      port "admin" {}
    }

    service {
      name = "forex-edge"
      port = "public"
      tags = ["forex-mesh", "edge"]

      meta {
        version      = "${NOMAD_META_version}"
        metrics_port = "${NOMAD_PORT_admin}"
        alloc_id     = "${NOMAD_ALLOC_ID}"
      }

      check {
        name     = "edge readyz"
        type     = "http"
        port     = "admin"
        path     = "/readyz"
        interval = "2s"
        timeout  = "1s"
      }
    }

    task "edge" {
      driver = "raw_exec"

      config {
        command = var.node
        args = [
          "--max-semi-space-size=4",
          "--max-old-space-size=48",
          "${var.repo}/proxy/dist/main.js",
          "--mode", "edge",
          "--service", "forex-edge",
          "--upstream", "forex-web",
          "--public-bind", var.public_bind,
          # One JSON line per request on stderr (trace id, request id, status), kept by Nomad per allocation.
          "--access-log",
          # Lets a person try a version in their browser (x-forex-version header / forex-version
          # cookie). Remove it to make the edge strip overrides from the public.
          "--allow-override",
        ]
      }

      env {
        CONSUL_HTTP_ADDR = var.consul_addr
      }

      resources {
        cpu    = 200
        memory = 96
      }
    }
  }
}
